package dev.leakproof.connectors.stripe.emulator;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The two timestamp forms: v1 unix seconds, v2 RFC 3339 in UTC with milliseconds ({@code 2024-06-01T12:00:00.000Z}). */
final class Times {

  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Times() {
  }

  static long seconds(long millis) {
    return Math.floorDiv(millis, 1000);
  }

  static long seconds(Instant instant) {
    return instant.getEpochSecond();
  }

  static String rfc3339(long millis) {
    return RFC3339.format(Instant.ofEpochMilli(millis));
  }

  static String rfc3339(Instant instant) {
    return RFC3339.format(instant);
  }

  /**
   * Parses an RFC 3339 timestamp with any offset.
   *
   * @throws ApiError 400 naming {@code param} if it is not one
   */
  static long parseRfc3339(String text, String param) {
    try {
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw ApiError.invalid("parameter_invalid_string", "Invalid " + param + ": '" + text
          + "' is not an RFC 3339 timestamp (e.g. 2024-06-01T12:00:00.000Z)", param);
    }
  }
}
