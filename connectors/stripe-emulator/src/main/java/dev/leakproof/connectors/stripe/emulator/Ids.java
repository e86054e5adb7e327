package dev.leakproof.connectors.stripe.emulator;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** Stripe-style object ids: a prefix and a random base62 suffix ({@code cus_}, {@code mtr_test_}, {@code ii_}, ...). */
final class Ids {

  private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private Ids() {
  }

  /** {@code prefix} followed by {@code length} random base62 characters. */
  static String random(String prefix, int length) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder out = new StringBuilder(prefix.length() + length).append(prefix);
    for (int i = 0; i < length; i++) {
      out.append(BASE62[random.nextInt(BASE62.length)]);
    }
    return out.toString();
  }

  /** {@code prefix} followed by a base62 rendering of a stable 64-bit hash of {@code parts}: the same input, the same id. */
  static String stable(String prefix, String... parts) {
    long h = 0xcbf29ce484222325L;
    for (String part : parts) {
      for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
        h = (h ^ (b & 0xff)) * 0x100000001b3L;
      }
      h = (h ^ 0x1f) * 0x100000001b3L;
    }
    StringBuilder out = new StringBuilder(prefix);
    long v = h;
    for (int i = 0; i < 11; i++) {
      out.append(BASE62[(int) Long.remainderUnsigned(v, 62)]);
      v = Long.divideUnsigned(v, 62);
    }
    return out.toString();
  }

  /** The {@code _test_} infix Stripe puts into some ids (meters, summaries) of test-mode objects. */
  static String mode(boolean livemode) {
    return livemode ? "" : "test_";
  }
}
