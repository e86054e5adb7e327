package dev.leakproof.connectors.salesforce.emulator;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Salesforce-shaped record ids: 15 case-sensitive characters (key prefix, instance, counter) plus the
 * documented 3-character case-folding checksum that makes them 18 characters long.
 */
final class SalesforceIds {

  private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String CHECKSUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

  private final AtomicLong counter = new AtomicLong(1);

  /** A new 18-character id with the given 3-character key prefix. */
  String next(String keyPrefix) {
    long n = counter.getAndIncrement();
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      digits.append(BASE62.charAt((int) (n % 62)));
      n /= 62;
    }
    return to18(keyPrefix + "Lp0" + digits.reverse());
  }

  /** The 18-character form of a 15- or 18-character id, or null if {@code id} is not an id. */
  static String normalize(String id) {
    if (id == null || !id.matches("[0-9A-Za-z]{15}([0-9A-Za-z]{3})?")) {
      return null;
    }
    String full = to18(id.substring(0, 15));
    return id.length() == 18 && !full.equalsIgnoreCase(id) ? null : full;
  }

  static String to18(String id15) {
    StringBuilder out = new StringBuilder(id15);
    for (int chunk = 0; chunk < 3; chunk++) {
      int flags = 0;
      for (int i = 0; i < 5; i++) {
        char c = id15.charAt(chunk * 5 + i);
        if (c >= 'A' && c <= 'Z') {
          flags |= 1 << i;
        }
      }
      out.append(CHECKSUM.charAt(flags));
    }
    return out.toString();
  }
}
