package dev.leakproof.sql.jinja;

/**
 * Where a project's nodes live in the warehouse: how {@code ref()} and {@code source()} print.
 * Implemented by the project compiler, which knows the target schema and the declared sources.
 */
public interface Relations {

  /** The relation a model or seed is built as; throws {@link IllegalArgumentException} if unknown. */
  Relation ref(String name);

  /** The relation of a declared source table; throws {@link IllegalArgumentException} if undeclared. */
  Relation source(String sourceName, String tableName);

  /** A warehouse relation; prints as {@code schema.identifier}, as dbt's Relation does. */
  record Relation(String schema, String identifier) {

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
      return schema == null ? identifier : schema + "." + identifier;
    }
  }
}
