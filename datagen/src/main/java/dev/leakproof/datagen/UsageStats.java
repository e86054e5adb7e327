package dev.leakproof.datagen;

import java.time.YearMonth;
import java.util.List;

/**
 * The counting pass over usage slots: usage per account, month and metric as the audit will see
 * it after hygiene, usage in the two 28-day windows of the usage_decline rule, and the exact number
 * of base events, noisy events by kind and lines, so files can be split before they are written.
 */
final class UsageStats implements SlotWalker.Visitor {

  private static final int METRICS = Catalog.METRICS.length;

  private final YearMonth startMonth;
  private final int months;
  private final long lastFrom;
  private final long prevFrom;
  private final long asOfDay;
  private final NoisePlan noise;
  private final long[] monthly;
  private final long[] lastWindow;
  private final long[] prevWindow;
  private final long[] kinds = new long[UsageNoise.values().length];
  private long events;
  private long lines;

  UsageStats(GeneratorConfig config, List<AccountPlan> accounts) {
    this.startMonth = YearMonth.from(UsageProfiles.usageStart(config));
    this.months = config.usageMonths() + 1;
    this.asOfDay = config.asOf().toEpochDay();
    this.lastFrom = asOfDay - 27;
    this.prevFrom = asOfDay - 55;
    this.noise = new NoisePlan(config);
    this.monthly = new long[accounts.size() * months * METRICS];
    this.lastWindow = new long[accounts.size() * METRICS];
    this.prevWindow = new long[accounts.size() * METRICS];
  }

  @Override
  public void slot(long day, int monthIndex, AccountPlan a, int ws, int slot, int count, long quantity, long first) {
    if (count == 0) {
      return;
    }
    int metric = a.metrics[slot];
    monthly[(a.index * months + monthIndex) * METRICS + metric] += quantity;
    if (day >= lastFrom) {
      lastWindow[a.index * METRICS + metric] += quantity;
    } else if (day >= prevFrom) {
      prevWindow[a.index * METRICS + metric] += quantity;
    }
    boolean clean = a.clean();
    for (long o = first; o < first + count; o++) {
      UsageNoise kind = noise.kind(o, clean, day);
      kinds[kind.ordinal()]++;
      lines += 1 + kind.extraLines;
    }
    events += count;
  }

  @Override
  public void endOfDay(long day) {
    // nothing to flush
  }

  /** usage(m, metric) of the account; 0 outside the usage window. */
  long usage(AccountPlan a, YearMonth month, int metric) {
    long k = startMonth.until(month, java.time.temporal.ChronoUnit.MONTHS);
    if (k < 0 || k >= months) {
      return 0;
    }
    return monthly[(a.index * months + (int) k) * METRICS + metric];
  }

  /** Usage on the UTC dates as_of-27 .. as_of. */
  long lastWindow(AccountPlan a, int metric) {
    return lastWindow[a.index * METRICS + metric];
  }

  /** Usage on the UTC dates as_of-55 .. as_of-28. */
  long prevWindow(AccountPlan a, int metric) {
    return prevWindow[a.index * METRICS + metric];
  }

  long events() {
    return events;
  }

  long lines() {
    return lines;
  }

  long kindCount(UsageNoise kind) {
    return kinds[kind.ordinal()];
  }
}
