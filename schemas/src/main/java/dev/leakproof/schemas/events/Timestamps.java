package dev.leakproof.schemas.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Parses event timestamps: an ISO-8601 date and time with a mandatory offset ({@code Z},
 * {@code +02:00}, {@code +0200} or {@code +02}), {@code T} or a space between date and time,
 * seconds and a fraction of up to nine digits optional. A timestamp without an offset is rejected:
 * its instant is unknown. Every instant leaves here in UTC.
 *
 * <p>Hand-written because it runs once per event on the ingestion hot path, where
 * {@code DateTimeFormatter} (a map per parse) cost more than the JSON decoding.
 */
public final class Timestamps {

  private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private Timestamps() {}

  /**
   * The instant of an ISO-8601 timestamp with an offset.
   *
   * @throws IllegalArgumentException naming the text if it is not one, or has no offset
   */
  public static Instant parse(String text) {
    long micros = parseMicros(text);
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /** Microseconds since the epoch, UTC, of the timestamp; see {@link #parse}. */
  public static long parseMicros(String text) {
    int n = text.length();
    if (n < 17) {
      throw invalid(text, "is too short");
    }
    int year = digits(text, 0, 4);
    expect(text, 4, '-');
    int month = digits(text, 5, 2);
    expect(text, 7, '-');
    int day = digits(text, 8, 2);
    char sep = text.charAt(10);
    if (sep != 'T' && sep != ' ') {
      throw invalid(text, "needs 'T' between date and time");
    }
    int hour = digits(text, 11, 2);
    expect(text, 13, ':');
    int minute = digits(text, 14, 2);
    int i = 16;
    int second = 0;
    long nanos = 0;
    if (i < n && text.charAt(i) == ':') {
      second = digits(text, i + 1, 2);
      i += 3;
      if (i < n && (text.charAt(i) == '.' || text.charAt(i) == ',')) {
        int start = ++i;
        while (i < n && isDigit(text.charAt(i))) {
          i++;
        }
        int count = i - start;
        if (count == 0 || count > 9) {
          throw invalid(text, "has a fraction of " + count + " digits");
        }
        nanos = Long.parseLong(text, start, i, 10);
        for (int k = count; k < 9; k++) {
          nanos *= 10;
        }
      }
    }
    if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) {
      throw invalid(text, "is not a valid date and time");
    }
    int offsetSeconds = offset(text, i);
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    long seconds = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return seconds * 1_000_000L + nanos / 1000L;
  }

  /** The UTC calendar date of an instant. */
  public static LocalDate utcDate(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  private static int offset(String text, int i) {
    int n = text.length();
    if (i >= n) {
      throw invalid(text, "has no UTC offset");
    }
    char c = text.charAt(i);
    if (c == 'Z' && i == n - 1) {
      return 0;
    }
    if (c != '+' && c != '-') {
      throw invalid(text, "has no valid UTC offset");
    }
    int rest = n - i - 1;
    int hours = digits(text, i + 1, 2);
    int minutes = 0;
    if (rest == 5 && text.charAt(i + 3) == ':') {
      minutes = digits(text, i + 4, 2);
    } else if (rest == 4) {
      minutes = digits(text, i + 3, 2);
    } else if (rest != 2) {
      throw invalid(text, "has no valid UTC offset");
    }
    if (hours > 18 || minutes > 59 || hours == 18 && minutes > 0) {
      throw invalid(text, "has an offset out of range");
    }
    int total = hours * 3600 + minutes * 60;
    return c == '-' ? -total : total;
  }

  private static int daysIn(int year, int month) {
    if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) {
      return 29;
    }
    return DAYS_IN_MONTH[month - 1];
  }

  private static int digits(String text, int start, int count) {
    if (start + count > text.length()) {
      throw invalid(text, "is cut short");
    }
    int value = 0;
    for (int k = start; k < start + count; k++) {
      char c = text.charAt(k);
      if (!isDigit(c)) {
        throw invalid(text, "has '" + c + "' where a digit belongs");
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static void expect(String text, int index, char expected) {
    if (text.charAt(index) != expected) {
      throw invalid(text, "needs '" + expected + "' at position " + (index + 1));
    }
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("Invalid timestamp: '" + text + "' " + why);
  }
}
