package dev.leakproof.sql.jinja;

import dev.leakproof.sql.template.Args;
import dev.leakproof.sql.template.Py;
import dev.leakproof.sql.template.PyCallable;
import dev.leakproof.sql.template.PyObject;
import dev.leakproof.sql.template.PyTuple;
import dev.leakproof.sql.template.TemplateException;
import dev.leakproof.sql.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * dbt's {@code adapter} object in a template: {@code dispatch}, {@code quote}, the relation and
 * column lookups packages use ({@code get_columns_in_relation}, {@code get_relation}), and
 * {@code execute} for statements. While parsing (execute false) lookups answer as dbt's parse-time
 * adapter does: no columns, no relation.
 */
final class Adapter implements PyObject {

  private final DbtContext context;

  Adapter(DbtContext context) {
    this.context = context;
  }

  @Override
  public Object attribute(String name) {
    return switch (name) {
      case "dispatch" -> (PyCallable) (in, a, k) -> {
        Object namespace = Args.get(a, k, 1, "macro_namespace", null);
        if (Args.get(a, k, 2, "packages", null) != null) {
          throw new TemplateException("The \"packages\" argument of adapter.dispatch() has been deprecated. Use the "
              + "\"macro_namespace\" argument instead.");
        }
        return context.dispatch(Py.str(Args.required("dispatch", a, k, 0, "macro_name")),
            namespace == null ? null : Py.str(namespace));
      };
      case "type" -> (PyCallable) (in, a, k) -> context.targetType();
      case "quote" -> (PyCallable) (in, a, k) -> "\"" + Py.str(a.get(0)).replace("\"", "\"\"") + "\"";
      case "quote_as_configured", "quote_seed_column" -> (PyCallable) (in, a, k) -> Py.str(a.get(0));
      case "get_columns_in_relation" -> (PyCallable) (in, a, k) -> columns(a.get(0));
      case "get_relation" -> (PyCallable) (in, a, k) -> relation(Args.get(a, k, 1, "schema", null),
          Args.get(a, k, 2, "identifier", null));
      case "load_relation" -> (PyCallable) (in, a, k) -> {
        Relations.Relation r = (Relations.Relation) a.get(0);
        return context.executing() && context.host().exists(r) ? r : null;
      };
      case "get_missing_columns" -> (PyCallable) (in, a, k) -> {
        List<Object> from = columns(a.get(0));
        List<String> to = columns(a.get(1)).stream()
            .map(c -> ((ColumnObject) c).name().toLowerCase(Locale.ROOT)).toList();
        return new ArrayList<>(from.stream().filter(c -> !to.contains(((ColumnObject) c).name()
            .toLowerCase(Locale.ROOT))).toList());
      };
      case "execute" -> (PyCallable) (in, a, k) -> execute(Py.str(Args.required("execute", a, k, 0, "sql")),
          Py.truthy(Args.get(a, k, 2, "fetch", false)));
      case "check_schema_exists" -> (PyCallable) (in, a, k) -> schemaExists(Py.str(Args.get(a, k, 1, "schema", "")));
      case "create_schema" -> (PyCallable) (in, a, k) -> ddl("create schema if not exists "
          + ((Relations.Relation) a.get(0)).schema());
      case "drop_schema" -> (PyCallable) (in, a, k) -> ddl("drop schema if exists "
          + ((Relations.Relation) a.get(0)).schema() + " cascade");
      case "drop_relation" -> (PyCallable) (in, a, k) -> {
        Relations.Relation r = (Relations.Relation) a.get(0);
        return ddl("drop " + ("view".equals(r.type()) ? "view" : "table") + " if exists " + r);
      };
      case "truncate_relation" -> (PyCallable) (in, a, k) -> ddl("delete from " + a.get(0));
      case "already_exists" -> (PyCallable) (in, a, k) -> relation(a.get(0), a.get(1)) != null;
      case "expand_target_column_types", "commit" -> (PyCallable) (in, a, k) -> "";
      case "standardize_grants_dict" -> (PyCallable) (in, a, k) -> new java.util.LinkedHashMap<>();
      case "Relation" -> context.relationType();
      case "Column" -> context.columnType();
      default -> Py.MISSING;
    };
  }

  private List<Object> columns(Object relation) {
    List<Object> out = new ArrayList<>();
    if (!context.executing() || !(relation instanceof Relations.Relation r)) {
      return out;
    }
    for (Warehouse.ColumnInfo c : context.host().columns(r)) {
      out.add(new ColumnObject(c.name(), c.dataType()));
    }
    return out;
  }

  private Object relation(Object schema, Object identifier) {
    if (!context.executing() || identifier == null) {
      return null;
    }
    Relations.Relation r = new Relations.Relation(null, schema == null ? null : Py.str(schema), Py.str(identifier),
        "table");
    return context.host().exists(r) ? r : null;
  }

  private boolean schemaExists(String schema) {
    if (!context.executing()) {
      return false;
    }
    QueryResult r = context.host().queries().run("select count(*) as n from information_schema.schemata where "
        + "lower(schema_name) = lower('" + schema.replace("'", "''") + "')");
    return !r.getRows().isEmpty() && Py.truthy(r.getRows().get(0).get(0));
  }

  private Object ddl(String sql) {
    if (context.executing()) {
      context.host().queries().run(sql);
    }
    return "";
  }

  /** {@code adapter.execute(sql, fetch=...)}: (response, table), as dbt returns them. */
  PyTuple execute(String sql, boolean fetch) {
    QueryRunner runner = context.host().queries();
    if (runner == null) {
      throw new TemplateException("Cannot run a statement without a warehouse connection: guard it with "
          + "{% if execute %}");
    }
    QueryResult result = runner.run(sql);
    Map<String, Object> response = Map.of("_message", "OK", "code", "SUCCESS", "rows_affected",
        (long) result.getRows().size());
    PyObject adapterResponse = name -> response.containsKey(name) ? response.get(name) : Py.MISSING;
    return PyTuple.of(adapterResponse, fetch ? result : new QueryResult(List.of(), List.of()));
  }

  @Override
  public String pyStr() {
    return "<Adapter " + context.targetType() + ">";
  }
}
