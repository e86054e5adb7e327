package dev.leakproof.sql.compile;

import java.util.Locale;

/** A warehouse the SQL project compiles for, each with its Calcite dialect. */
public enum Target {
  /** The embedded default warehouse. */
  DUCKDB(LeakproofDialects.DUCKDB),
  /** The production warehouse. */
  SNOWFLAKE(LeakproofDialects.SNOWFLAKE);

  private final org.apache.calcite.sql.SqlDialect dialect;

  Target(org.apache.calcite.sql.SqlDialect dialect) {
    this.dialect = dialect;
  }

  public org.apache.calcite.sql.SqlDialect dialect() {
    return dialect;
  }

  /** The adapter name dbt uses in profiles.yml ({@code duckdb}, {@code snowflake}). */
  public String adapterType() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a profiles.yml {@code type}. */
  public static Target fromAdapterType(String type) {
    for (Target t : values()) {
      if (t.adapterType().equalsIgnoreCase(type)) {
        return t;
      }
    }
    throw new IllegalArgumentException("Invalid target type: " + type + " (supported: duckdb, snowflake)");
  }
}
