package dev.leakproof.sql.run;

import dev.leakproof.sql.compile.CompileException;
import dev.leakproof.sql.compile.SqlCompiler;
import dev.leakproof.sql.jinja.DbtJinja;
import dev.leakproof.sql.jinja.NodeScope;
import dev.leakproof.sql.jinja.Relations;
import dev.leakproof.sql.jinja.RenderException;
import dev.leakproof.sql.jinja.Rendered;
import dev.leakproof.sql.project.ModelFile;
import dev.leakproof.sql.project.NodeKind;
import dev.leakproof.sql.project.ProjectException;
import dev.leakproof.sql.project.UnitTestDef;
import dev.leakproof.sql.template.Py;
import dev.leakproof.sql.template.PyCallable;
import dev.leakproof.sql.warehouse.WarehouseTypes;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * dbt's unit tests ({@code unit_tests:}, dbt 1.8+): the model is rendered with each input it
 * reads replaced by the given rows (dict, csv or sql format), typed as the real input is; the
 * expected rows are typed as the model's output; the test's query returns every row whose count
 * differs between expected and actual (so duplicates and NULLs count), and passes when it
 * returns none. Overrides of macros ({@code is_incremental} among them), vars and environment
 * variables apply to that render only.
 */
final class UnitTests {

  private static final Pattern INPUT = Pattern.compile(
      "^\\s*(ref|source)\\(\\s*['\"]([^'\"]+)['\"]\\s*(?:,\\s*['\"]([^'\"]+)['\"]\\s*)?\\)\\s*$");
  private static final String GIVEN = "__dbt_unit_given_";

  private final ProjectCompiler compiler;

  UnitTests(ProjectCompiler compiler) {
    this.compiler = compiler;
  }

  CompiledNode compile(UnitTestDef unit, boolean validate) throws RenderException, CompileException, SQLException {
    String what = "Unit test " + unit.name() + " (" + unit.file() + ")";
    if (unit.config().containsKey("enabled") && !Py.truthy(unit.config().get("enabled"))) {
      return null;
    }
    String modelId = compiler.resolveRef(new Rendered.Ref(null, unit.model()), unit.packageName(), what);
    ModelFile model = compiler.project().models().get(modelId);
    if (model == null) {
      throw new ProjectException(what + ": model " + unit.model() + " is a seed, not a model");
    }
    Map<String, Object> config = compiler.modelConfig(modelId);
    List<String> fqn = new ArrayList<>(model.fqn());
    fqn.add(unit.name());
    if (!validate || compiler.sqlCompiler() == null
        || compiler.relations().relation(modelId).schema() != null
        && compiler.catalog().rowType(compiler.relations().relation(modelId).schema(),
            compiler.relations().relation(modelId).identifier()) == null
        && !compiler.relations().isEphemeral(modelId)) {
      return node(unit, model, fqn, null, null, null);
    }
    // the given inputs, as CTEs typed like the relations they stand for
    Map<String, Relations.Relation> overrides = new LinkedHashMap<>();
    StringBuilder ctes = new StringBuilder();
    int i = 0;
    for (Map<String, Object> given : unit.given()) {
      Object input = given.get("input");
      Matcher m = input == null ? null : INPUT.matcher(String.valueOf(input));
      if (m == null || !m.matches()) {
        throw new ProjectException(what + ": given input must be ref('...') or source('...', '...'), found " + input);
      }
      RelDataType type;
      String key;
      if (m.group(1).equals("ref")) {
        String pkg = m.group(3) == null ? null : m.group(2);
        String name = m.group(3) == null ? m.group(2) : m.group(3);
        key = compiler.resolveRef(new Rendered.Ref(pkg, name), unit.packageName(), what);
        Relations.Relation real = compiler.relations().relation(key);
        type = real.schema() == null ? null : compiler.catalog().rowType(real.schema(), real.identifier());
      } else {
        if (m.group(3) == null) {
          throw new ProjectException(what + ": source() needs a source and a table name, found " + input);
        }
        key = m.group(2) + "." + m.group(3);
        compiler.declareSources(List.of(key));
        Relations.Relation real = compiler.relations().source(m.group(2), m.group(3));
        type = compiler.catalog().rowType(real.schema(), real.identifier());
      }
      String format = String.valueOf(given.getOrDefault("format", "dict"));
      String cte = GIVEN + i++;
      String body;
      if (format.equals("sql")) {
        body = String.valueOf(given.get("rows"));
      } else {
        if (type == null) {
          throw new ProjectException(what + ": the columns of " + input + " are not known (an ephemeral model's "
              + "rows must be given in sql format)");
        }
        body = rowsSql(rows(given.get("rows"), format, what + " given " + input), type, what + " given " + input);
      }
      ctes.append(ctes.length() == 0 ? "with " : ",\n").append(cte).append(" as (\n").append(body).append("\n)");
      overrides.put(key, new Relations.Relation(null, null, cte, "cte"));
    }
    List<String> ephemerals = compiler.ephemeralDependencies(compiler.upstream(modelId), new ArrayList<>());
    for (String e : ephemerals) {
      if (!overrides.containsKey(e)) {
        ctes.append(ctes.length() == 0 ? "with " : ",\n").append(ProjectRelations.EPHEMERAL_PREFIX)
            .append(e.substring(e.lastIndexOf('.') + 1)).append(" as (\n")
            .append(compiler.ephemeralSql().get(e).sql()).append("\n)");
      }
    }
    // the model rendered over them, with the test's overrides
    Rendered rendered;
    compiler.relations().override(overrides);
    try {
      Relations.Relation self = compiler.relations().relation(modelId);
      Map<String, Object> extra = overrideNames(unit, compiler.jinja(), model.packageName());
      boolean incremental = Py.truthy(macroOverrides(unit).getOrDefault("is_incremental", false));
      NodeScope scope = new NodeScope(model.displayPath(), model.packageName(), "model", model.name(), modelId, self,
          config, incremental, NodeScope.Phase.EXECUTE, extra);
      rendered = compiler.jinja().render(scope, model.rawSql(), compiler.host());
    } finally {
      compiler.relations().override(Map.of());
    }
    String prefix = ctes.length() == 0 ? "with " : ctes + ",\n";
    String actual = prefix + "__dbt_unit_actual as (\n" + rendered.sql() + "\n)\n";
    String label = unit.file() + " (" + unit.name() + ")";
    SqlCompiler.Compiled probe = compiler.sqlCompiler().compile(label, actual + "select * from __dbt_unit_actual",
        compiler.options().schema(), compiler.options().target());
    // the expected rows, typed as the model's output, and the comparison
    Map<String, Object> expect = unit.expect();
    String format = String.valueOf(expect.getOrDefault("format", "dict"));
    List<String> columns;
    String expectedSql;
    if (format.equals("sql")) {
      expectedSql = String.valueOf(expect.get("rows"));
      columns = probe.rowType().getFieldNames();
    } else {
      List<Map<String, Object>> rows = rows(expect.get("rows"), format, what + " expect");
      Set<String> named = new LinkedHashSet<>();
      rows.forEach(r -> r.keySet().forEach(k -> named.add(k.toLowerCase(java.util.Locale.ROOT))));
      columns = new ArrayList<>(named.isEmpty() ? probe.rowType().getFieldNames() : named);
      RelDataType outputType = project(probe.rowType(), columns, what);
      expectedSql = rowsSql(rows, outputType, what + " expect");
    }
    String cols = String.join(", ", columns.stream().map(c -> "\"" + c + "\"").toList());
    String sql = actual + ", __dbt_unit_expected as (\n" + expectedSql + "\n)\n"
        + "select " + cols + ", sum(expected_n) as expected_rows, sum(actual_n) as actual_rows from (\n"
        + "  select " + cols + ", 1 as expected_n, 0 as actual_n from __dbt_unit_expected\n"
        + "  union all\n"
        + "  select " + cols + ", 0 as expected_n, 1 as actual_n from __dbt_unit_actual\n"
        + ") as dbt_unit_rows\ngroup by " + cols + "\nhaving sum(expected_n) <> sum(actual_n)";
    SqlCompiler.Compiled compiled = compiler.sqlCompiler().compile(label, sql, compiler.options().schema(),
        compiler.options().target());
    return node(unit, model, fqn, compiled.rowType(), sql, compiled.sql());
  }

  private CompiledNode node(UnitTestDef unit, ModelFile model, List<String> fqn, RelDataType type, String rendered,
      String sql) {
    Map<String, Object> config = new LinkedHashMap<>(unit.config());
    return new CompiledNode(NodeKind.UNIT_TEST, unit.name(), unit.uniqueId(), unit.packageName(), fqn, unit.file(),
        null, "unit", false, config, List.of(model.uniqueId()), type, model.rawSql(), rendered, sql, List.of(),
        List.of(), Map.of("model", model.name()));
  }

  private static Map<String, Object> macroOverrides(UnitTestDef unit) {
    return unit.overrides().get("macros") instanceof Map<?, ?> m ? cast(m) : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  /** Overridden macros return their value; overridden vars and env vars win over the project's. */
  private static Map<String, Object> overrideNames(UnitTestDef unit, DbtJinja jinja, String pkg) {
    Map<String, Object> names = new LinkedHashMap<>();
    macroOverrides(unit).forEach((name, value) -> {
      if (!name.equals("is_incremental")) {
        names.put(name, (PyCallable) (in, a, k) -> value);
      }
    });
    Map<String, Object> vars = unit.overrides().get("vars") instanceof Map<?, ?> v ? cast(v) : Map.of();
    if (!vars.isEmpty()) {
      names.put("var", (PyCallable) (in, a, k) -> {
        String name = Py.str(a.get(0));
        if (vars.containsKey(name)) {
          return vars.get(name);
        }
        Object value = jinja.var(pkg, name);
        if (value != Py.MISSING && value != null) {
          return value;
        }
        if (a.size() > 1) {
          return a.get(1);
        }
        throw new IllegalArgumentException("Required var '" + name + "' not found in config");
      });
    }
    Map<String, Object> env = unit.overrides().get("env_vars") instanceof Map<?, ?> e ? cast(e) : Map.of();
    if (!env.isEmpty()) {
      names.put("env_var", (PyCallable) (in, a, k) -> {
        String name = Py.str(a.get(0));
        if (env.containsKey(name)) {
          return Py.str(env.get(name));
        }
        String value = System.getenv(name);
        if (value != null) {
          return value;
        }
        if (a.size() > 1) {
          return a.get(1);
        }
        throw new IllegalArgumentException("Env var required but not provided: '" + name + "'");
      });
    }
    return names;
  }

  /** Rows of a fixture: a list of dicts, or csv text with a header. */
  private static List<Map<String, Object>> rows(Object rows, String format, String what) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (rows == null) {
      return out;
    }
    if (format.equals("csv")) {
      String[] lines = String.valueOf(rows).strip().split("\\R");
      if (lines.length == 0 || lines[0].isBlank()) {
        return out;
      }
      List<String> header = csv(lines[0]);
      for (int l = 1; l < lines.length; l++) {
        if (lines[l].isBlank()) {
          continue;
        }
        List<String> cells = csv(lines[l]);
        if (cells.size() != header.size()) {
          throw new ProjectException(what + ": csv line " + (l + 1) + " has " + cells.size() + " values for "
              + header.size() + " columns: " + lines[l]);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
          String v = cells.get(c);
          row.put(header.get(c).strip(), v.equalsIgnoreCase("null") ? null : v);
        }
        out.add(row);
      }
      return out;
    }
    if (!format.equals("dict")) {
      throw new ProjectException(what + ": unknown format " + format + " (dict, csv, sql)");
    }
    if (!(rows instanceof List<?> list)) {
      throw new ProjectException(what + ": rows must be a list of mappings in dict format, found " + rows);
    }
    for (Object r : list) {
      if (!(r instanceof Map<?, ?> m)) {
        throw new ProjectException(what + ": each row must be a mapping of column to value, found " + r);
      }
      Map<String, Object> row = new LinkedHashMap<>();
      m.forEach((k, v) -> row.put(String.valueOf(k), v));
      out.add(row);
    }
    return out;
  }

  private static List<String> csv(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }

  /** The fields of {@code type} named, in that order; an unknown name is an error. */
  private static RelDataType project(RelDataType type, List<String> columns, String what) {
    List<RelDataTypeField> fields = new ArrayList<>();
    for (String c : columns) {
      RelDataTypeField f = type.getField(c, false, false);
      if (f == null) {
        throw new ProjectException(what + ": column " + c + " is not in the model's output ("
            + String.join(", ", type.getFieldNames()) + ")");
      }
      fields.add(f);
    }
    return new org.apache.calcite.rel.type.RelRecordType(fields);
  }

  /** {@code select cast(v as type) as col, ...} per row, columns not given as typed NULLs. */
  private static String rowsSql(List<Map<String, Object>> rows, RelDataType type, String what) {
    Map<String, RelDataTypeField> fields = new LinkedHashMap<>();
    type.getFieldList().forEach(f -> fields.put(f.getName().toLowerCase(java.util.Locale.ROOT), f));
    for (Map<String, Object> row : rows) {
      for (String c : row.keySet()) {
        if (!fields.containsKey(c.toLowerCase(java.util.Locale.ROOT))) {
          throw new ProjectException(what + ": column " + c + " is not one of " + String.join(", ", fields.keySet()));
        }
      }
    }
    StringBuilder sql = new StringBuilder();
    List<Map<String, Object>> all = rows.isEmpty() ? List.of(Map.of()) : rows;
    for (Map<String, Object> row : all) {
      Map<String, Object> lower = new LinkedHashMap<>();
      row.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
      if (sql.length() > 0) {
        sql.append("\nunion all\n");
      }
      sql.append("select ");
      boolean first = true;
      for (RelDataTypeField f : fields.values()) {
        sql.append(first ? "" : ", ").append("cast(").append(literal(lower.get(f.getName().toLowerCase(
            java.util.Locale.ROOT)))).append(" as ").append(WarehouseTypes.sqlName(f.getType())).append(") as \"")
            .append(f.getName()).append('"');
        first = false;
      }
      if (rows.isEmpty()) {
        sql.append(" from (values (0)) as dbt_no_rows(x) where 1 = 0");
      }
    }
    return sql.toString();
  }

  private static String literal(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Boolean b) {
      return b ? "true" : "false";
    }
    if (v instanceof Number) {
      return v.toString();
    }
    return "'" + Py.str(v).replace("'", "''") + "'";
  }
}
