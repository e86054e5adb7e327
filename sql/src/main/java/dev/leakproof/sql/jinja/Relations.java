package dev.leakproof.sql.jinja;

import dev.leakproof.sql.template.PyCallable;
import dev.leakproof.sql.template.PyObject;
import java.util.Map;

/**
 * Where a project's nodes live in the warehouse: how {@code ref()} and {@code source()} print.
 * Implemented by the project compiler, which knows the target schema and the declared sources.
 */
public interface Relations {

  /**
   * The relation a model or seed is built as; throws {@link IllegalArgumentException} if unknown.
   *
   * @param packageName the package named in {@code ref('package', 'model')}, or null
   * @param fromPackage the package of the node doing the ref (its own package is searched first)
   */
  Relation ref(String packageName, String name, String fromPackage);

  /** {@code ref(name)} from the root project. */
  default Relation ref(String name) {
    return ref(null, name, null);
  }

  /** The relation of a declared source table; throws {@link IllegalArgumentException} if undeclared. */
  Relation source(String sourceName, String tableName);

  /**
   * A warehouse relation as dbt's Relation object presents it to templates ({@code schema},
   * {@code identifier}, {@code include()}, {@code render()}); prints as {@code schema.identifier}.
   *
   * @param database null unless a node names one
   * @param schema null for a CTE (an ephemeral model)
   * @param type {@code table}, {@code view}, {@code cte} or null when unknown
   */
  record Relation(String database, String schema, String identifier, String type) implements PyObject {

    public Relation(String schema, String identifier) {
      this(null, schema, identifier, schema == null ? "cte" : null);
    }

    public String getSchema() {
      return schema;
    }

    public String getIdentifier() {
      return identifier;
    }

    public String getName() {
      return identifier;
    }

    /** {@code schema.identifier}, or only the identifier for a CTE (an ephemeral model). */
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      for (String part : new String[] {database, schema, identifier}) {
        if (part != null && !part.isEmpty()) {
          if (b.length() > 0) {
            b.append('.');
          }
          b.append(quoteIfNeeded(part));
        }
      }
      return b.toString();
    }

    private static String quoteIfNeeded(String part) {
      return part.matches("[A-Za-z_][A-Za-z0-9_$]*") ? part : "\"" + part.replace("\"", "\"\"") + "\"";
    }

    @Override
    public Object attribute(String name) {
      return switch (name) {
        case "database" -> database;
        case "schema" -> schema;
        case "identifier", "name", "table" -> identifier;
        case "type" -> type;
        case "is_table" -> "table".equals(type);
        case "is_view" -> "view".equals(type);
        case "is_cte" -> "cte".equals(type);
        case "is_materialized_view" -> "materialized_view".equals(type);
        case "render" -> (PyCallable) (in, a, k) -> toString();
        case "quote" -> (PyCallable) (in, a, k) -> this;
        case "include" -> (PyCallable) (in, a, k) -> new Relation(
            truthy(k, "database") ? database : null, truthy(k, "schema") ? schema : null,
            truthy(k, "identifier") ? identifier : null, type);
        case "incorporate" -> (PyCallable) (in, a, k) -> {
          Map<?, ?> path = k.get("path") instanceof Map<?, ?> m ? m : Map.of();
          return new Relation(path.containsKey("database") ? str(path.get("database")) : database,
              path.containsKey("schema") ? str(path.get("schema")) : schema,
              path.containsKey("identifier") ? str(path.get("identifier")) : identifier,
              k.containsKey("type") ? str(k.get("type")) : type);
        };
        case "path" -> Map.of("database", database == null ? "" : database, "schema", schema == null ? "" : schema,
            "identifier", identifier);
        case "without_identifier" -> (PyCallable) (in, a, k) -> new Relation(database, schema, null, type);
        default -> dev.leakproof.sql.template.Py.MISSING;
      };
    }

    private static boolean truthy(Map<String, Object> kwargs, String key) {
      return !kwargs.containsKey(key) || dev.leakproof.sql.template.Py.truthy(kwargs.get(key));
    }

    private static String str(Object v) {
      return v == null ? null : dev.leakproof.sql.template.Py.str(v);
    }

    @Override
    public String pyStr() {
      return toString();
    }

    @Override
    public String pyRepr() {
      return "<Relation " + toString() + ">";
    }

    @Override
    public String typeName() {
      return "Relation";
    }
  }
}
