package dev.leakproof.schemas.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Parses event timestamps: ISO-8601 date and time with a mandatory offset ({@code Z},
 * {@code +02:00}, {@code +0200} or {@code +02}), {@code T} or a space between date and time,
 * seconds and fractions optional. A timestamp without an offset is rejected: its instant is
 * unknown. Every instant leaves here in UTC.
 */
public final class Timestamps {

  private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .append(DateTimeFormatter.ISO_LOCAL_TIME)
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HH", "Z").optionalEnd()
      .toFormatter()
      .withResolverStyle(ResolverStyle.STRICT)
      .withChronology(java.time.chrono.IsoChronology.INSTANCE);

  private Timestamps() {}

  /**
   * The instant of an ISO-8601 timestamp with an offset.
   *
   * @throws IllegalArgumentException if the text is not one, or has no offset
   */
  public static Instant parse(String text) {
    int t = text.indexOf('T');
    int space = text.indexOf(' ');
    if ((t < 0) == (space < 0)) {
      throw new IllegalArgumentException("Invalid timestamp: '" + text + "' needs one 'T' between date and time");
    }
    TemporalAccessor parsed;
    try {
      parsed = FORMAT.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Invalid timestamp: '" + text + "' is not ISO-8601");
    }
    if (!parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
      throw new IllegalArgumentException("Invalid timestamp: '" + text + "' has no UTC offset");
    }
    LocalDate date = LocalDate.from(parsed);
    LocalTime time = LocalTime.from(parsed);
    ZoneOffset offset = ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS));
    return date.atTime(time).toInstant(offset);
  }

  /** The UTC calendar date of an instant. */
  public static LocalDate utcDate(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }
}
