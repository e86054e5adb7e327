package dev.leakproof.connectors.sync;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;

/**
 * The text a model value is sent as, the same for every destination and stable across runs:
 * decimals without exponent or trailing zeros, dates {@code YYYY-MM-DD}, instants in UTC
 * ({@code 2026-06-15T10:00:00.000Z}, as Salesforce expects datetimes), booleans {@code true}/
 * {@code false}; null stays null. Row hashes are taken over these texts.
 */
public final class Values {

  private static final DateTimeFormatter UTC_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  private Values() {}

  public static String canonical(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal d) {
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("Invalid value: " + d + " cannot be sent");
      }
      return canonical(BigDecimal.valueOf(d));
    }
    if (value instanceof Number n) {
      return canonical(new BigDecimal(n.toString()));
    }
    if (value instanceof LocalDate d) {
      return d.toString();
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (value instanceof Timestamp t) {
      return canonical(t.toLocalDateTime());
    }
    if (value instanceof LocalDateTime t) {
      return UTC_MILLIS.format(t.toInstant(ZoneOffset.UTC));
    }
    if (value instanceof OffsetDateTime t) {
      return UTC_MILLIS.format(t.toInstant());
    }
    if (value instanceof Instant i) {
      return UTC_MILLIS.format(i);
    }
    return value.toString();
  }

  /** A hash of a row's destination fields and their texts, in field order. */
  public static String hash(Map<String, String> fields) {
    StringBuilder b = new StringBuilder();
    fields.forEach((k, v) -> b.append(k).append('\u0000').append(v == null ? "\u0002" : v).append('\u0001'));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
