package dev.leakproof.datagen;

import dev.leakproof.core.Contract;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the leak shapes: each rule-clean account is selected with the shape rate and gets one of
 * the shapes it is eligible for, the one given least often so far, so that shapes few accounts can
 * carry are not starved. Eligibility reads the current contract's closed months as billed before
 * any shape. Every draw comes from the shape stream of the account, so accounts without a shape
 * keep every byte they had with shapes off.
 */
final class ShapePlanner {

  private final long seed;
  private final double rate;
  private final YearMonth asOfMonth;
  private final YearMonth lastClosed;
  private final long[] given = new long[ShapeKind.values().length];

  ShapePlanner(GeneratorConfig config) {
    this.seed = config.seed();
    this.rate = config.shapeRate();
    this.asOfMonth = YearMonth.from(config.asOf());
    this.lastClosed = asOfMonth.minusMonths(1);
  }

  /** Sets {@link AccountPlan#shape} of the selected accounts; {@code usage} is the usage before shapes. */
  void plan(List<AccountPlan> plans, UsageStats usage) {
    for (AccountPlan a : plans) {
      if (!a.clean() || Mix.unit(Mix.hash(seed, Mix.SHAPES, a.index)) >= rate) {
        continue;
      }
      List<MonthDraft> drafts = drafts(a, usage);
      Shape chosen = null;
      for (ShapeKind kind : ShapeKind.values()) {
        SplittableRandom rng = new SplittableRandom(Mix.hash(seed, Mix.SHAPES, a.index, kind.ordinal() + 1));
        Shape s = draw(kind, a, drafts, rng);
        if (s != null && (chosen == null || given[kind.ordinal()] < given[chosen.kind().ordinal()])) {
          chosen = s;
        }
      }
      if (chosen != null) {
        a.shape = chosen;
        given[chosen.kind().ordinal()]++;
      }
    }
  }

  private List<MonthDraft> drafts(AccountPlan a, UsageStats usage) {
    Contract c = a.current();
    List<MonthDraft> drafts = new ArrayList<>();
    YearMonth last = c.endMonth().isBefore(lastClosed) ? c.endMonth() : lastClosed;
    for (YearMonth m = c.startMonth(); !m.isAfter(last); m = m.plusMonths(1)) {
      drafts.add(MonthDraft.correct(a, c, m, usage));
    }
    return drafts;
  }

  /** The shape of that kind for the account, or null when it is not eligible. */
  private Shape draw(ShapeKind kind, AccountPlan a, List<MonthDraft> drafts, SplittableRandom rng) {
    return switch (kind) {
      case PRICE_DRIFT -> drift(drafts, rng);
      case SOURCE_UNDERREPORT -> a.wsCount < 2 ? null : reported(kind, a, rng);
      case SEAT_FREEZE -> reported(kind, a, rng);
      case WRONG_PLAN_RATE -> otherRate(a.current(), drafts, rng);
      case WRONG_MONTH -> shifted(drafts, rng);
    };
  }

  /** m0 past the first 2 months, with overage in it and in at least 2 later months; d in [0.01, 0.03]. */
  private static Shape drift(List<MonthDraft> drafts, SplittableRandom rng) {
    List<YearMonth> starts = new ArrayList<>();
    int withOverage = 0;
    for (int i = drafts.size() - 1; i >= 2; i--) {
      boolean overage = drafts.get(i).hasOverage();
      withOverage += overage ? 1 : 0;
      if (overage && withOverage >= 3) {
        starts.add(drafts.get(i).month);
      }
    }
    if (starts.isEmpty()) {
      return null;
    }
    YearMonth from = starts.get(rng.nextInt(starts.size()));
    return new Shape(ShapeKind.PRICE_DRIFT, from, -1, -1, 0.01 + 0.02 * rng.nextDouble(), 0, null);
  }

  /**
   * source_underreport and seat_freeze: m0 at least 4 months after usage (and the first contract)
   * started, in the current contract, and at most as-of month - 3, so both usage_decline windows lie
   * after it.
   */
  private Shape reported(ShapeKind kind, AccountPlan a, SplittableRandom rng) {
    Contract c = a.current();
    YearMonth started = YearMonth.from(LocalDate.ofEpochDay(a.activeFromDay)).plusMonths(4);
    YearMonth from = started.isBefore(c.startMonth()) ? c.startMonth() : started;
    YearMonth to = c.endMonth().isBefore(asOfMonth.minusMonths(3)) ? c.endMonth() : asOfMonth.minusMonths(3);
    if (from.isAfter(to)) {
      return null;
    }
    YearMonth m0 = from.plusMonths(rng.nextInt((int) from.until(to, ChronoUnit.MONTHS) + 1));
    return kind == ShapeKind.SEAT_FREEZE
        ? new Shape(kind, m0, -1, -1, 0.08 + 0.07 * rng.nextDouble(), 0, null)
        : new Shape(kind, m0, -1, rng.nextInt(a.wsCount), 0.3 + 0.3 * rng.nextDouble(), 0, null);
  }

  /** A month billing an overage line, 1 or 2 of them, at another plan's or version's higher price. */
  private static Shape otherRate(Contract c, List<MonthDraft> drafts, SplittableRandom rng) {
    List<int[]> candidates = new ArrayList<>();
    for (int metric : Catalog.metricsOf(c.planId())) {
      if (dearer(c, metric).isEmpty()) {
        continue;
      }
      for (int i = 0; i < drafts.size(); i++) {
        if (drafts.get(i).billsOverage(c, metric)) {
          candidates.add(new int[] {metric, i});
        }
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    int[] pick = candidates.get(rng.nextInt(candidates.size()));
    List<Catalog.Row> dearer = dearer(c, pick[0]);
    Catalog.Row other = dearer.get(rng.nextInt(dearer.size()));
    int next = pick[1] + 1;
    int months = rng.nextBoolean() && next < drafts.size() && drafts.get(next).billsOverage(c, pick[0]) ? 2 : 1;
    return new Shape(ShapeKind.WRONG_PLAN_RATE, drafts.get(pick[1]).month, pick[0], -1, 0, months, other);
  }

  /** Price book rows of other plans or versions with a higher overage price for the metric. */
  private static List<Catalog.Row> dearer(Contract c, int metric) {
    Catalog.Row own = Catalog.row(c.planId(), c.priceVersion(), metric);
    return Catalog.ROWS.stream().filter(r -> r.metric() == metric && r != own
        && r.overagePrice().compareTo(own.overagePrice()) > 0).toList();
  }

  /** m0 in the middle of 3 consecutive months with overage of one metric. */
  private static Shape shifted(List<MonthDraft> drafts, SplittableRandom rng) {
    List<int[]> candidates = new ArrayList<>();
    for (int metric = 0; metric < Catalog.METRICS.length; metric++) {
      for (int i = 1; i + 1 < drafts.size(); i++) {
        if (drafts.get(i - 1).overageQty[metric] > 0 && drafts.get(i).overageQty[metric] > 0
            && drafts.get(i + 1).overageQty[metric] > 0) {
          candidates.add(new int[] {metric, i});
        }
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    int[] pick = candidates.get(rng.nextInt(candidates.size()));
    return new Shape(ShapeKind.WRONG_MONTH, drafts.get(pick[1]).month, pick[0], -1, 0, 0, null);
  }
}
