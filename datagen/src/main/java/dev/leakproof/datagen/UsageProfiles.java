package dev.leakproof.datagen;

import dev.leakproof.core.Contract;
import dev.leakproof.core.LeakType;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.SplittableRandom;

/**
 * Shapes an account's usage: monthly level per metric relative to the plan's included units (above
 * it for accounts with overage, billed or not), a mild trend, an abrupt drop for planned
 * usage_decline, workspace shares, and how many events each workspace sends per day.
 */
final class UsageProfiles {

  private final GeneratorConfig config;
  private final long usageStartDay;
  private final long asOfDay;

  UsageProfiles(GeneratorConfig config) {
    this.config = config;
    this.usageStartDay = usageStart(config).toEpochDay();
    this.asOfDay = config.asOf().toEpochDay();
  }

  /** Usage starts on the first day of the month usageMonths before the as-of month. */
  static LocalDate usageStart(GeneratorConfig config) {
    return YearMonth.from(config.asOf()).minusMonths(config.usageMonths()).atDay(1);
  }

  /**
   * Usage drops by a factor from a day at or shortly before the last 28-day window, so that the
   * last window holds about half of the previous one even when usage (or the contract) starts
   * inside the previous window.
   */
  private void decline(AccountPlan a, SplittableRandom rng) {
    long prevFrom = asOfDay - 55;
    long covered = Math.min(28, Math.max(0, asOfDay - 27 - Math.max(prevFrom, Math.max(usageStartDay,
        a.contracts.get(0).startDate().toEpochDay()))));
    int early = (int) Math.min(6, covered / 2);
    int r = rng.nextInt(early + 1);
    double target = 0.45 + 0.2 * rng.nextDouble();
    a.declineFromDay = asOfDay - 27 - r;
    double partial = covered < 28 ? 0.5 : 1; // few days of the previous window: weekdays do not average out
    a.declineFactor = Math.max(0.005, Math.min(0.6, partial * target * (covered - r) / (28 - target * r)));
  }

  void shape(AccountPlan a, SplittableRandom rng) {
    Contract c = a.current();
    a.metrics = Catalog.metricsOf(c.planId());
    int n = a.metrics.length;
    double[] factor = new double[n];
    boolean unbilled = a.planned.contains(LeakType.UNBILLED_OVERAGE);
    boolean under = a.planned.contains(LeakType.MISSING_INVOICE);
    int over = unbilled || (!under && rng.nextDouble() < 0.25) ? rng.nextInt(n) : -1;
    for (int i = 0; i < n; i++) {
      factor[i] = under ? 0.15 + 0.45 * rng.nextDouble() : 0.2 + 0.55 * rng.nextDouble();
    }
    if (over >= 0) {
      factor[over] = unbilled ? 1.25 + 0.45 * rng.nextDouble() : 1.05 + 0.45 * rng.nextDouble();
      if (unbilled && n > 1 && rng.nextBoolean()) {
        factor[(over + 1) % n] = 1.2 + 0.3 * rng.nextDouble();
      }
    }
    a.dailyLevel = new double[n];
    for (int i = 0; i < n; i++) {
      long included = Catalog.row(c.planId(), c.priceVersion(), a.metrics[i]).included();
      a.dailyLevel[i] = factor[i] * included * 12 / 365.25;
    }
    double damp = Math.min(1.0, 12.0 / config.usageMonths());
    double monthly = unbilled ? 0.04 * rng.nextDouble() : -0.03 + 0.08 * rng.nextDouble();
    a.trendPerDay = monthly * damp / 30.4;
    if (a.planned.contains(LeakType.USAGE_DECLINE)) {
      decline(a, rng);
    }
    a.wsShare = new double[a.wsCount];
    double total = 0;
    for (int w = 0; w < a.wsCount; w++) {
      a.wsShare[w] = 1 + 2 * rng.nextDouble();
      total += a.wsShare[w];
    }
    double metricTotal = 0;
    for (int m : a.metrics) {
      metricTotal += Catalog.METRIC_EVENT_WEIGHT[m];
    }
    double perDay = switch (a.segment) {
      case SMB -> 2 + 4 * rng.nextDouble();
      case MID -> 4 + 8 * rng.nextDouble();
      case ENTERPRISE -> 8 + 12 * rng.nextDouble();
    };
    a.slotWeight = new long[a.wsCount][n];
    for (int w = 0; w < a.wsCount; w++) {
      a.wsShare[w] /= total;
      double wsPerDay = perDay * (0.7 + 0.6 * rng.nextDouble());
      for (int i = 0; i < n; i++) {
        double share = Catalog.METRIC_EVENT_WEIGHT[a.metrics[i]] / metricTotal;
        a.slotWeight[w][i] = Math.max(1, Math.round(wsPerDay * share * 1000));
      }
    }
    long from = a.contracts.get(0).startDate().toEpochDay();
    long to = c.endDate().toEpochDay();
    a.activeFromDay = Math.max(from, usageStartDay);
    a.activeToDay = Math.min(to, asOfDay);
  }
}
