package dev.leakproof.sql.jinja;

import dev.leakproof.sql.template.Py;
import dev.leakproof.sql.template.PyCallable;
import dev.leakproof.sql.template.PyObject;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbt's Column object, as {@code adapter.get_columns_in_relation} returns it: {@code name},
 * {@code quoted}, {@code data_type}, {@code is_string()}, {@code is_number()}, ...
 */
public final class ColumnObject implements PyObject {

  private static final Pattern SIZED = Pattern.compile("([A-Za-z ]+?)\\s*\\((\\d+)(?:\\s*,\\s*(\\d+))?\\)");

  private final String name;
  private final String dtype;
  private final Integer charSize;
  private final Integer precision;
  private final Integer scale;

  public ColumnObject(String name, String dataType) {
    this.name = name;
    Matcher m = SIZED.matcher(dataType.strip());
    if (m.matches()) {
      this.dtype = m.group(1).strip();
      boolean text = isText(dtype);
      this.charSize = text ? Integer.valueOf(m.group(2)) : null;
      this.precision = text ? null : Integer.valueOf(m.group(2));
      this.scale = text || m.group(3) == null ? null : Integer.valueOf(m.group(3));
    } else {
      this.dtype = dataType.strip();
      this.charSize = null;
      this.precision = null;
      this.scale = null;
    }
  }

  public String name() {
    return name;
  }

  /** The type with its size: {@code decimal(18,2)}, {@code varchar}. */
  public String dataType() {
    if (charSize != null) {
      return dtype + "(" + charSize + ")";
    }
    if (precision != null) {
      return dtype + "(" + precision + (scale == null ? "" : "," + scale) + ")";
    }
    return dtype;
  }

  private static boolean isText(String type) {
    String t = type.toLowerCase(Locale.ROOT);
    return t.contains("char") || t.equals("text") || t.equals("string");
  }

  private boolean isNumeric() {
    String t = dtype.toLowerCase(Locale.ROOT);
    return t.equals("numeric") || t.equals("decimal") || t.equals("number");
  }

  private boolean isInteger() {
    String t = dtype.toLowerCase(Locale.ROOT);
    return t.matches("(tiny|small|big|huge|u)?int(eger)?\\d*|(u)?bigint|long|serial|bigserial");
  }

  private boolean isFloat() {
    String t = dtype.toLowerCase(Locale.ROOT);
    return t.matches("float\\d*|double( precision)?|real");
  }

  @Override
  public Object attribute(String attribute) {
    return switch (attribute) {
      case "name", "column" -> name;
      case "quoted" -> "\"" + name.replace("\"", "\"\"") + "\"";
      case "data_type" -> dataType();
      case "dtype" -> dtype;
      case "char_size" -> charSize == null ? null : (long) charSize;
      case "numeric_precision" -> precision == null ? null : (long) precision;
      case "numeric_scale" -> scale == null ? null : (long) scale;
      case "is_string" -> (PyCallable) (in, a, k) -> isText(dtype);
      case "is_number" -> (PyCallable) (in, a, k) -> isInteger() || isFloat() || isNumeric();
      case "is_numeric" -> (PyCallable) (in, a, k) -> isNumeric();
      case "is_integer" -> (PyCallable) (in, a, k) -> isInteger();
      case "is_float" -> (PyCallable) (in, a, k) -> isFloat();
      case "string_size" -> (PyCallable) (in, a, k) -> charSize == null ? 256L : (long) charSize;
      default -> Py.MISSING;
    };
  }

  @Override
  public String pyStr() {
    return "<Column " + name + " (" + dataType() + ")>";
  }

  @Override
  public String typeName() {
    return "Column";
  }

  /** {@code api.Column.translate_type('string')}: dbt's generic type names in the warehouse's words. */
  public static String translate(String type) {
    return switch (type.toUpperCase(Locale.ROOT)) {
      case "STRING" -> "varchar";
      case "TIMESTAMP" -> "timestamp";
      case "FLOAT" -> "double";
      case "INTEGER" -> "integer";
      case "BOOLEAN" -> "boolean";
      default -> type;
    };
  }
}
