package dev.leakproof.datagen;

import java.time.YearMonth;

/**
 * The leak shape drawn for one account. Fields a kind does not use are -1, 0 or null.
 *
 * @param from m0, the first affected month
 * @param metric the catalogue metric of wrong_plan_rate and wrong_month
 * @param workspace the account's local workspace index of source_underreport
 * @param rate the drift d per month, the unreported fraction f, or the monthly usage growth g
 * @param months the number of wrong_plan_rate months
 * @param other the price book row whose (higher) overage price wrong_plan_rate bills
 */
record Shape(ShapeKind kind, YearMonth from, int metric, int workspace, double rate, int months, Catalog.Row other) {

  /** The factor on the account's usage in workspace {@code ws} on a day of month {@code m}. */
  double usageFactor(int ws, YearMonth m) {
    if (m.isBefore(from)) {
      return 1;
    }
    return switch (kind) {
      case SOURCE_UNDERREPORT -> ws == workspace ? 1 - rate : 1;
      case SEAT_FREEZE -> growth(m);
      default -> 1;
    };
  }

  /** (1 + rate)^(k + 1) for the k-th month since m0: drift of price_drift, growth of seat_freeze. */
  double growth(YearMonth m) {
    return StrictMath.pow(1 + rate, from.until(m, java.time.temporal.ChronoUnit.MONTHS) + 1);
  }
}
