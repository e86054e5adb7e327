package dev.leakproof.datagen;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * Walks usage slots (day, account, workspace, metric) in one fixed order and gives each slot its
 * event count and quantity. Counts come from spreading the planned total over slot weights
 * (weekdays weigh more), so the total is exact up to those few forced events; a slot with no event carries its quantity to the
 * next slot of that workspace and metric that has one. Every slot gets at least one event on the
 * last day of each month, the last days before the two 28-day windows of usage_decline and the
 * as-of date, so sparse events cannot shift quantity across months or windows (which would fake
 * or hide overage and declines). A usage shape scales the quantities it affects (see
 * {@link Shape#usageFactor}), never the event counts, so other accounts keep their events. Both
 * passes (aggregates, then files) walk the same slots and see the same numbers.
 */
final class SlotWalker {

  /** Receives each slot in order, then the end of each day. */
  interface Visitor {
    void slot(long day, int monthIndex, AccountPlan a, int ws, int slot, int count, long quantity, long firstOrdinal);

    void endOfDay(long day);
  }

  private static final int WEEKDAY_WEIGHT = 46;
  private static final int WEEKEND_WEIGHT = 25;
  private static final double WEEKDAY_FACTOR = 1.15;
  private static final double WEEKEND_FACTOR = 0.625;

  private final List<AccountPlan> accounts;
  private final long seed;
  private final long startDay;
  private final long endDay;
  private final int totalWs;
  private final long plannedEvents;
  private final double perWeight;

  SlotWalker(GeneratorConfig config, List<AccountPlan> accounts, int totalWs) {
    this.accounts = accounts;
    this.seed = config.seed();
    this.startDay = UsageProfiles.usageStart(config).toEpochDay();
    this.endDay = config.asOf().toEpochDay();
    this.totalWs = totalWs;
    long weight = 0;
    for (AccountPlan a : accounts) {
      long perDay = 0;
      for (long[] ws : a.slotWeight) {
        for (long w : ws) {
          perDay += w;
        }
      }
      for (long day = a.activeFromDay; day <= a.activeToDay; day++) {
        weight += perDay * (weekend(day) ? WEEKEND_WEIGHT : WEEKDAY_WEIGHT);
      }
    }
    this.plannedEvents = config.usageEvents() > 0 ? config.usageEvents() : Math.round(weight / 40_000.0);
    this.perWeight = weight == 0 ? 0 : plannedEvents / (double) weight;
  }

  static boolean weekend(long epochDay) {
    return Math.floorMod(epochDay + 3, 7) >= 5;
  }

  void walk(Visitor visitor) {
    long[] pending = new long[totalWs * Catalog.METRICS.length];
    LocalDate start = LocalDate.ofEpochDay(startDay);
    double cum = 0;
    long done = 0;
    long ordinal = 0;
    for (long day = startDay; day <= endDay; day++) {
      LocalDate date = LocalDate.ofEpochDay(day);
      YearMonth month = YearMonth.from(date);
      int monthIndex = (date.getYear() - start.getYear()) * 12 + date.getMonthValue() - start.getMonthValue();
      boolean weekend = weekend(day);
      boolean flushDay = day == endDay || day == endDay - 28 || day == endDay - 56
          || date.getDayOfMonth() == date.lengthOfMonth();
      int dayWeight = weekend ? WEEKEND_WEIGHT : WEEKDAY_WEIGHT;
      double dayFactor = weekend ? WEEKEND_FACTOR : WEEKDAY_FACTOR;
      for (AccountPlan a : accounts) {
        if (!a.activeOn(day)) {
          continue;
        }
        double trend = StrictMath.exp(a.trendPerDay * (day - startDay)) * dayFactor
            * (day >= a.declineFromDay ? a.declineFactor : 1);
        for (int w = 0; w < a.wsCount; w++) {
          double shaped = a.shape == null ? 1 : a.shape.usageFactor(w, month);
          for (int s = 0; s < a.metrics.length; s++) {
            cum += a.slotWeight[w][s] * dayWeight;
            long target = (long) (cum * perWeight);
            int count = (int) (target - done);
            done = target;
            if (count == 0 && flushDay) {
              count = 1;
            }
            int key = (a.wsBase + w) * Catalog.METRICS.length + a.metrics[s];
            double noise = 0.75 + 0.5 * Mix.unit(Mix.hash(seed, Mix.QUANTITY, key, day));
            pending[key] += Math.round(a.dailyLevel[s] * a.wsShare[w] * trend * noise * shaped);
            long quantity = 0;
            if (count > 0) {
              quantity = pending[key];
              pending[key] = 0;
            }
            visitor.slot(day, monthIndex, a, w, s, count, quantity, ordinal);
            ordinal += count;
          }
        }
      }
      visitor.endOfDay(day);
    }
  }
}
