package dev.leakproof.sql.warehouse;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Maps warehouse column types (as information_schema names them) to Calcite types, so models can
 * be validated against relations that already exist: sources, seeds and built models.
 */
public final class WarehouseTypes {

  private static final Pattern DECIMAL = Pattern.compile("(DECIMAL|NUMERIC|NUMBER)\\s*\\((\\d+)\\s*,\\s*(\\d+)\\)");

  private WarehouseTypes() {}

  /** The row type of a relation's columns. */
  public static RelDataType rowType(RelDataTypeFactory factory, List<Warehouse.ColumnInfo> columns) {
    RelDataTypeFactory.Builder builder = factory.builder();
    for (Warehouse.ColumnInfo c : columns) {
      builder.add(c.name().toLowerCase(Locale.ROOT),
          factory.createTypeWithNullability(type(factory, c.dataType()), true));
    }
    return builder.build();
  }

  /** One column type; unknown types are reported, never guessed. */
  public static RelDataType type(RelDataTypeFactory f, String warehouseType) {
    String t = warehouseType.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    Matcher m = DECIMAL.matcher(t);
    if (t.matches("(VARCHAR|CHAR|CHARACTER VARYING|CHARACTER|STRING|TEXT)\\s*\\(\\s*\\d+\\s*\\)")) {
      return f.createSqlType(SqlTypeName.VARCHAR);
    }
    if (t.matches("(TIMESTAMP|TIMESTAMP_NTZ|DATETIME)\\s*\\(\\s*\\d+\\s*\\)")) {
      t = "TIMESTAMP";
    }
    if (m.matches()) {
      return f.createSqlType(SqlTypeName.DECIMAL, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }
    return switch (t) {
      case "VARCHAR", "TEXT", "STRING", "CHAR", "BPCHAR", "CHARACTER VARYING", "CHARACTER" -> f.createSqlType(SqlTypeName.VARCHAR);
      case "BOOLEAN", "BOOL" -> f.createSqlType(SqlTypeName.BOOLEAN);
      case "TINYINT" -> f.createSqlType(SqlTypeName.TINYINT);
      case "SMALLINT", "INT2" -> f.createSqlType(SqlTypeName.SMALLINT);
      case "INTEGER", "INT", "INT4", "USMALLINT", "UTINYINT" -> f.createSqlType(SqlTypeName.INTEGER);
      case "BIGINT", "INT8", "HUGEINT", "UBIGINT", "UINTEGER" -> f.createSqlType(SqlTypeName.BIGINT);
      case "DOUBLE", "FLOAT8", "FLOAT", "REAL", "FLOAT4", "DOUBLE PRECISION" -> f.createSqlType(SqlTypeName.DOUBLE);
      case "DECIMAL", "NUMERIC", "NUMBER" -> f.createSqlType(SqlTypeName.DECIMAL, 38, 0);
      case "DATE" -> f.createSqlType(SqlTypeName.DATE);
      case "TIMESTAMP", "TIMESTAMP_NTZ", "DATETIME", "TIMESTAMP WITHOUT TIME ZONE" -> f.createSqlType(SqlTypeName.TIMESTAMP, 6);
      case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ", "TIMESTAMP_TZ", "TIMESTAMP_LTZ" ->
          f.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 6);
      case "TIME" -> f.createSqlType(SqlTypeName.TIME);
      case "BINARY", "VARBINARY", "BLOB", "BYTEA" -> f.createSqlType(SqlTypeName.VARBINARY);
      // semi-structured and spatial values: models may pass them along; Calcite checks no operations on them
      case "VARIANT", "OBJECT", "ARRAY", "MAP", "JSON", "GEOGRAPHY", "GEOMETRY", "VECTOR", "DECFLOAT" ->
          f.createSqlType(SqlTypeName.ANY);
      default -> throw new IllegalArgumentException("Invalid warehouse type: " + warehouseType
          + " has no Calcite equivalent");
    };
  }

  /**
   * A Calcite type as the warehouse names it ({@code DECIMAL(16,2)}, {@code VARCHAR},
   * {@code TIMESTAMP}), for the manifest's and catalog's {@code data_type}.
   */
  public static String sqlName(RelDataType type) {
    SqlTypeName name = type.getSqlTypeName();
    return switch (name) {
      case DECIMAL -> "DECIMAL(" + type.getPrecision() + "," + type.getScale() + ")";
      case CHAR, VARCHAR -> "VARCHAR";
      case TIMESTAMP -> "TIMESTAMP";
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> "TIMESTAMP WITH TIME ZONE";
      case VARBINARY, BINARY -> "BLOB";
      case ANY -> "ANY";
      default -> name.getName();
    };
  }
}
