package dev.leakproof.schemas.tables;

import java.util.Objects;
import java.util.Set;

/**
 * A source table column: its type, whether an empty value is allowed, and for code columns the
 * accepted values.
 *
 * @param allowedValues empty unless the column only takes a fixed set of codes
 */
public record Column(String name, ColumnType type, Nullability nullability, Set<String> allowedValues) {

  /** Whether an empty CSV field is a valid null or makes the row unusable. */
  public enum Nullability { REQUIRED, NULLABLE }

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(nullability, "nullability");
    allowedValues = Set.copyOf(allowedValues);
  }

  static Column required(String name, ColumnType type) {
    return new Column(name, type, Nullability.REQUIRED, Set.of());
  }

  static Column nullable(String name, ColumnType type) {
    return new Column(name, type, Nullability.NULLABLE, Set.of());
  }

  static Column code(String name, String... values) {
    return new Column(name, ColumnType.TEXT, Nullability.REQUIRED, Set.of(values));
  }

  public boolean isNullable() {
    return nullability == Nullability.NULLABLE;
  }
}
