package dev.leakproof.schemas.tables;

import java.util.Objects;

/**
 * A warehouse column: its name and SQL type ({@code VARCHAR}, {@code DECIMAL(38,12)},
 * {@code TIMESTAMP}), as both the lake writer and the warehouse loader declare it.
 */
public record ColumnSpec(String name, String sqlType) {

  public ColumnSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sqlType, "sqlType");
    if (!name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("Invalid column name: " + name + " (lower-case letters, digits, _)");
    }
  }
}
