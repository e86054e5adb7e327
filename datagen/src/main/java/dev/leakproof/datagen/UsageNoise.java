package dev.leakproof.datagen;

import java.util.Locale;

/**
 * Kinds of noise injected into usage events (spec section 2), with how many extra lines each adds
 * and its share among noisy events of accounts with leaks. Events of clean accounts only get the
 * kinds that cannot change a quantity (duplicates, late arrival, non-UTC offsets).
 */
enum UsageNoise {
  NONE(0, 0, 0),
  DUPLICATE(1, 0.22, 0.45),
  CONFLICT(1, 0.08, 0),
  CORRECTION(1, 0.10, 0),
  DOUBLE_CORRECTION(2, 0.03, 0),
  ORPHAN_CORRECTION(1, 0.04, 0),
  CORRECTION_MISMATCH(1, 0.04, 0),
  LATE(0, 0.12, 0.25),
  OFFSET(0, 0.13, 0.30),
  MALFORMED_JSON(1, 0.03, 0),
  NOT_AN_OBJECT(1, 0.015, 0),
  MISSING_FIELD(1, 0.035, 0),
  INVALID_QUANTITY(1, 0.04, 0),
  INVALID_TIMESTAMP(1, 0.03, 0),
  FUTURE_TIMESTAMP(1, 0.03, 0),
  UNKNOWN_WORKSPACE(1, 0.03, 0),
  UNKNOWN_METRIC(1, 0.03, 0);

  private static final UsageNoise[] VALUES = values();

  final int extraLines;
  private final double share;
  private final double cleanShare;

  UsageNoise(int extraLines, double share, double cleanShare) {
    this.extraLines = extraLines;
    this.share = share;
    this.cleanShare = cleanShare;
  }

  String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind of a noisy event from a uniform draw. */
  static UsageNoise pick(double u, boolean clean) {
    double acc = 0;
    for (UsageNoise kind : VALUES) {
      acc += clean ? kind.cleanShare : kind.share;
      if (u < acc) {
        return kind;
      }
    }
    return clean ? OFFSET : UNKNOWN_METRIC;
  }
}
