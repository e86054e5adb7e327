package dev.leakproof.connectors.stripe.emulator;

import java.util.Locale;

/** A billing meter's {@code default_aggregation.formula}. */
public enum Aggregation {
  /** Sum of the events' values. */
  SUM,
  /** Number of events. */
  COUNT,
  /** Value of the latest event (by timestamp) in the window. */
  LAST;

  /** The API spelling: {@code sum}, {@code count}, {@code last}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the API spelling.
   *
   * @throws IllegalArgumentException if it is none of sum, count, last
   */
  public static Aggregation of(String formula) {
    for (Aggregation a : values()) {
      if (a.apiName().equals(formula)) {
        return a;
      }
    }
    throw new IllegalArgumentException("Invalid default_aggregation[formula]: " + formula + " (sum, count or last)");
  }
}
