package dev.leakproof.connectors.salesforce.emulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Turns CSV text into typed field values by field metadata, with Salesforce's row error codes, and
 * formats stored values back: numbers as {@link BigDecimal} at the field's scale, dates as
 * {@link LocalDate}, date-times as {@link Instant} in UTC.
 */
final class FieldValues {

  private static final DateTimeFormatter SF_DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter COMPACT_OFFSET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]xx", Locale.ROOT);

  private FieldValues() {
  }

  /** The typed value of non-empty {@code raw} for {@code field}; ids and references are normalised to 18 characters. */
  static Object coerce(FieldDef field, String raw) throws RowError.Rejected {
    switch (field.type()) {
      case STRING, TEXTAREA -> {
        if (raw.length() > field.length()) {
          throw error("STRING_TOO_LONG", field, "data value too large: " + raw + " (max length=" + field.length() + ")");
        }
        return raw;
      }
      case PICKLIST -> {
        if (!field.picklistValues().contains(raw)) {
          throw error("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", field, "bad value for restricted picklist field: " + raw);
        }
        return raw;
      }
      case DOUBLE, CURRENCY, PERCENT, INT -> {
        return number(field, raw);
      }
      case BOOLEAN -> {
        String v = raw.toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("1")) {
          return Boolean.TRUE;
        }
        if (v.equals("false") || v.equals("0")) {
          return Boolean.FALSE;
        }
        throw typeError(field, raw);
      }
      case DATE -> {
        try {
          return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
          throw typeError(field, raw);
        }
      }
      case DATETIME -> {
        return dateTime(field, raw);
      }
      case ID, REFERENCE -> {
        String id = SalesforceIds.normalize(raw);
        if (id == null) {
          String code = field.type() == FieldType.ID ? "MALFORMED_ID" : "FIELD_INTEGRITY_EXCEPTION";
          throw RowError.of(code, field.label() + ": id value of incorrect type: " + raw, field.name()).rejected();
        }
        return id;
      }
      default -> throw new IllegalStateException("Unhandled field type " + field.type());
    }
  }

  private static Object number(FieldDef field, String raw) throws RowError.Rejected {
    BigDecimal value;
    try {
      value = new BigDecimal(raw.trim());
    } catch (NumberFormatException e) {
      throw typeError(field, raw);
    }
    if (field.type() == FieldType.INT && value.stripTrailingZeros().scale() > 0) {
      throw typeError(field, raw);
    }
    BigDecimal scaled = value.setScale(field.scale(), RoundingMode.HALF_UP);
    boolean tooWide = scaled.precision() - scaled.scale() > field.precision() - field.scale();
    if (tooWide || (field.type() == FieldType.INT && scaled.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0)) {
      throw error("NUMBER_OUTSIDE_VALID_RANGE", field, "value outside of valid range on numeric field: " + raw);
    }
    return field.type() == FieldType.INT ? (Object) scaled.intValueExact() : scaled;
  }

  private static Instant dateTime(FieldDef field, String raw) throws RowError.Rejected {
    try {
      return OffsetDateTime.parse(raw).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(raw, COMPACT_OFFSET).toInstant();
      } catch (DateTimeParseException e2) {
        throw typeError(field, raw);
      }
    }
  }

  private static RowError.Rejected typeError(FieldDef field, String raw) {
    return error("INVALID_TYPE_ON_FIELD_IN_RECORD", field, "value not of required type: " + raw);
  }

  private static RowError.Rejected error(String code, FieldDef field, String what) {
    return RowError.of(code, field.label() + ": " + what, field.name()).rejected();
  }

  /** The JSON form Salesforce's REST API uses: numbers, booleans, ISO dates, {@code ...000+0000} date-times. */
  static Object toJson(Object value) {
    if (value instanceof BigDecimal b) {
      return b.signum() == 0 ? BigDecimal.ZERO : b.stripTrailingZeros();
    }
    if (value instanceof LocalDate d) {
      return d.toString();
    }
    if (value instanceof Instant i) {
      return formatDateTime(i);
    }
    return value;
  }

  /** The text form used in CSV results and the HTML page. */
  static String toText(Object value) {
    if (value == null) {
      return "";
    }
    Object json = toJson(value);
    return json instanceof BigDecimal b ? b.toPlainString() : String.valueOf(json);
  }

  static String formatDateTime(Instant instant) {
    return SF_DATETIME.format(instant);
  }
}
