package dev.leakproof.datagen;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable ASCII line buffer for JSON-lines output: appends literals, numbers and ISO-8601
 * timestamps without allocating per call.
 */
final class JsonLine {

  private byte[] buf = new byte[512];
  private int len;
  private long cachedDay = Long.MIN_VALUE;
  private final byte[] cachedDate = new byte[11];

  JsonLine reset() {
    len = 0;
    return this;
  }

  int length() {
    return len;
  }

  byte[] bytes() {
    return buf;
  }

  byte[] copy() {
    return Arrays.copyOf(buf, len);
  }

  /** Cuts the line to its first {@code n} bytes (used for truncated JSON). */
  void truncate(int n) {
    len = Math.min(len, n);
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  JsonLine raw(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
    return this;
  }

  JsonLine raw(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buf[len++] = (byte) s.charAt(i);
    }
    return this;
  }

  JsonLine ch(char c) {
    ensure(1);
    buf[len++] = (byte) c;
    return this;
  }

  JsonLine num(long v) {
    ensure(20);
    if (v < 0) {
      buf[len++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long t = v; t >= 10; t /= 10) {
      digits++;
    }
    int pos = len + digits;
    while (v >= 100) {
      int r = (int) (v % 100);
      v /= 100;
      buf[--pos] = (byte) ('0' + r % 10);
      buf[--pos] = (byte) ('0' + r / 10);
    }
    if (v >= 10) {
      buf[--pos] = (byte) ('0' + v % 10);
      buf[--pos] = (byte) ('0' + v / 10);
    } else {
      buf[--pos] = (byte) ('0' + v);
    }
    len += digits;
    return this;
  }

  /** The instant as local date-time at the offset, then {@code Z} or {@code +05:30}. */
  JsonLine timestamp(long epochSecond, int offsetMinutes) {
    dateTime(epochSecond + offsetMinutes * 60L);
    if (offsetMinutes == 0) {
      return ch('Z');
    }
    int abs = Math.abs(offsetMinutes);
    ensure(6);
    ch(offsetMinutes < 0 ? '-' : '+');
    two(abs / 60);
    ch(':');
    return two(abs % 60);
  }

  /** The UTC date-time with no offset at all (an invalid timestamp for the spec). */
  JsonLine dateTime(long localSecond) {
    long days = Math.floorDiv(localSecond, 86_400L);
    int secs = (int) (localSecond - days * 86_400L);
    if (days != cachedDay) {
      cacheDate(days);
    }
    ensure(19);
    System.arraycopy(cachedDate, 0, buf, len, 11);
    len += 11;
    two(secs / 3600);
    buf[len++] = ':';
    two(secs / 60 % 60);
    buf[len++] = ':';
    return two(secs % 60);
  }

  /** Civil-from-days (H. Hinnant), proleptic Gregorian: "YYYY-MM-DDT" of the epoch day. */
  private void cacheDate(long days) {
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int d = (int) (doy - (153 * mp + 2) / 5 + 1);
    int m = (int) (mp < 10 ? mp + 3 : mp - 9);
    int y = (int) (yoe + era * 400 + (m <= 2 ? 1 : 0));
    byte[] c = cachedDate;
    c[0] = (byte) ('0' + y / 1000 % 10);
    c[1] = (byte) ('0' + y / 100 % 10);
    c[2] = (byte) ('0' + y / 10 % 10);
    c[3] = (byte) ('0' + y % 10);
    c[4] = '-';
    c[5] = (byte) ('0' + m / 10);
    c[6] = (byte) ('0' + m % 10);
    c[7] = '-';
    c[8] = (byte) ('0' + d / 10);
    c[9] = (byte) ('0' + d % 10);
    c[10] = 'T';
    cachedDay = days;
  }

  private JsonLine two(int v) {
    buf[len++] = (byte) ('0' + v / 10);
    buf[len++] = (byte) ('0' + v % 10);
    return this;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }
}
