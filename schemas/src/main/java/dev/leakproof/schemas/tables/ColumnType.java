package dev.leakproof.schemas.tables;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The value types of source table columns, each with its parser from CSV text and the warehouse
 * type it is loaded as. Parsers throw {@link IllegalArgumentException} with a one-line reason.
 */
public enum ColumnType {
  TEXT("VARCHAR") {
    @Override
    public Object parse(String text) {
      return text;
    }
  },
  INTEGER("INTEGER") {
    @Override
    public Object parse(String text) {
      try {
        return Integer.valueOf(text.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("is not an integer");
      }
    }
  },
  /** Money, prices, percentages and quantities: exact decimals with {@code .} as separator. */
  DECIMAL("DECIMAL(38,10)") {
    @Override
    public Object parse(String text) {
      String t = text.trim();
      if (t.isEmpty() || !t.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")) {
        throw new IllegalArgumentException("is not a decimal");
      }
      BigDecimal value = new BigDecimal(t);
      if (value.scale() > 10 || value.precision() - value.scale() > 28) {
        throw new IllegalArgumentException("has more digits than DECIMAL(38,10) holds");
      }
      return value;
    }
  },
  DATE("DATE") {
    @Override
    public Object parse(String text) {
      try {
        return LocalDate.parse(text.trim());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("is not a YYYY-MM-DD date");
      }
    }
  },
  BOOLEAN("BOOLEAN") {
    @Override
    public Object parse(String text) {
      return switch (text.trim()) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        default -> throw new IllegalArgumentException("is not true or false");
      };
    }
  };

  private final String warehouseType;

  ColumnType(String warehouseType) {
    this.warehouseType = warehouseType;
  }

  /** Parses non-null CSV text into the column's Java value. */
  public abstract Object parse(String text);

  /** The SQL type the column is loaded as (DuckDB and Snowflake both accept it). */
  public String warehouseType() {
    return warehouseType;
  }
}
