package dev.leakproof.datagen;

import java.util.SplittableRandom;

/**
 * Stateless hashing (SplitMix64 finalizer): every random choice is derived from the seed and the
 * identity of what is being generated, so output never depends on iteration details.
 */
final class Mix {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  // Purposes: one per independent stream of decisions.
  static final long LEAKS = 1;
  static final long ACCOUNT = 2;
  static final long SEATS = 3;
  static final long QUANTITY = 4;
  static final long EVENT = 5;
  static final long SPLIT = 6;
  static final long NOISE = 7;
  static final long SEAT_NOISE = 8;
  static final long BILLING = 9;
  static final long INVOICE = 10;
  static final long SHAPES = 11;

  private Mix() {}

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static long hash(long seed, long a) {
    return mix(seed ^ mix(a * GOLDEN + GOLDEN));
  }

  static long hash(long seed, long a, long b) {
    return hash(hash(seed, a), b);
  }

  static long hash(long seed, long a, long b, long c) {
    return hash(hash(hash(seed, a), b), c);
  }

  /** A double in [0, 1) from a hash. */
  static double unit(long h) {
    return (h >>> 11) * 0x1.0p-53;
  }

  /** An int in [0, n) from a hash. */
  static int below(long h, int n) {
    return (int) Long.remainderUnsigned(h, n);
  }

  /** The prefix and the number zero-padded to the width: {@code ACC-00042}. */
  static String padded(String prefix, long n, int width) {
    String digits = Long.toString(n);
    StringBuilder b = new StringBuilder(prefix.length() + Math.max(width, digits.length()));
    b.append(prefix);
    for (int i = digits.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(digits).toString();
  }

  static SplittableRandom rng(long seed, long purpose, long index) {
    return new SplittableRandom(hash(seed, purpose, index));
  }
}
