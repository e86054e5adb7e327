package dev.leakproof.schemas.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  @ParameterizedTest
  @CsvSource({
      "2026-03-01T10:15:00Z, 2026-03-01T10:15:00Z",
      "2026-03-01T12:15:00+02:00, 2026-03-01T10:15:00Z",
      "2026-03-31T20:00:00-08:00, 2026-04-01T04:00:00Z",
      "2026-03-01 10:15:00Z, 2026-03-01T10:15:00Z",
      "2026-03-01T10:15Z, 2026-03-01T10:15:00Z",
      "2026-03-01T10:15:00.5+0530, 2026-03-01T04:45:00.500Z",
      "2026-03-01T10:15:00.123456789-01, 2026-03-01T11:15:00.123456Z",
      "2024-02-29T00:00:00Z, 2024-02-29T00:00:00Z"})
  void parsesToUtc(String text, String utc) {
    assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(utc));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-01-15 10:00:00", "2026-01-15T10:00:00", "2026-01-15", "2026-01-15T10",
      "2026-02-30T10:00:00Z", "2025-02-29T10:00:00Z", "2026-13-01T10:00:00Z", "2026-01-15T24:00:00Z",
      "2026-01-15T10:00:60Z", "2026-01-15T10:00:00+19:00", "2026-01-15T10:00:00 Z", "2026-01-15X10:00:00Z",
      "2026-01-15T10:00:00.Z", "2026-01-15T10:00:00+2", "26-01-15T10:00:00Z", "2026-01-15T10:00:00Zjunk",
      "garbage garbage garbage"})
  void rejectsWhatIsNotAnIsoTimestampWithAnOffset(String text) {
    assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid timestamp: '" + text + "'");
  }

  /** The hand-written parser agrees with java.time on valid inputs, random ones included. */
  @Test
  void agreesWithJavaTime() {
    DateTimeFormatter iso = new DateTimeFormatterBuilder()
        .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME)
        .appendOffset("+HH:MM", "Z").toFormatter().withResolverStyle(ResolverStyle.STRICT)
        .withChronology(java.time.chrono.IsoChronology.INSTANCE);
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", 1990 + random.nextInt(60),
          1 + random.nextInt(13), 1 + random.nextInt(31), random.nextInt(25), random.nextInt(60), random.nextInt(61),
          random.nextBoolean() ? "" : "." + random.nextInt(1000),
          random.nextBoolean() ? "Z" : String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-",
              random.nextInt(15), random.nextInt(4) * 15));
      Instant expected;
      try {
        expected = OffsetDateTime.parse(text, iso).toInstant();
      } catch (DateTimeParseException e) {
        expected = null;
      }
      if (expected == null) {
        assertThatThrownBy(() -> Timestamps.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
      } else {
        assertThat(Timestamps.parse(text)).as(text).isEqualTo(expected);
      }
    }
  }
}
