package dev.leakproof.datagen;

import dev.leakproof.core.Contract;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Applies a billing leak shape to the month drafts of an account's current contract and says which
 * months it labels: drifting overage prices, another plan's overage price, or each month billed
 * with the previous month's excess. Runs before the oracle sees the bills, so any rule these
 * amounts happen to trip is still listed in injected_leaks.csv.
 */
final class ShapeBilling {

  /** A labelled month and what the shape did in it. */
  record Label(YearMonth month, String detail) {}

  /**
   * Drifted prices keep 10 decimals, the most the audit's DECIMAL(38,10) columns hold: at least 6
   * significant digits for the smallest catalogue price (0.000015), so every month's step shows.
   */
  private static final int PRICE_SCALE = 10;

  private ShapeBilling() {}

  static List<Label> apply(Shape shape, Contract c, List<MonthDraft> drafts) {
    return switch (shape.kind()) {
      case PRICE_DRIFT -> drift(shape, c, drafts);
      case WRONG_PLAN_RATE -> otherRate(shape, c, drafts);
      case WRONG_MONTH -> shifted(shape, c, drafts);
      default -> throw new IllegalArgumentException("Invalid billing shape: " + shape.kind().code);
    };
  }

  private static List<Label> drift(Shape shape, Contract c, List<MonthDraft> drafts) {
    List<Label> labels = new ArrayList<>();
    for (MonthDraft d : drafts) {
      if (d.month.isBefore(shape.from())) {
        continue;
      }
      double factor = shape.growth(d.month);
      List<String> drifted = new ArrayList<>();
      for (int metric : Catalog.metricsOf(c.planId())) {
        BigDecimal list = Catalog.row(c.planId(), c.priceVersion(), metric).overagePrice();
        d.overagePrice[metric] = list.multiply(BigDecimal.valueOf(factor)).setScale(PRICE_SCALE, RoundingMode.HALF_UP)
            .stripTrailingZeros();
        if (d.billsOverage(c, metric)) {
          drifted.add(Catalog.METRICS[metric]);
        }
      }
      if (!drifted.isEmpty()) {
        labels.add(new Label(d.month, String.format(Locale.ROOT, "overage price %.4f x list on %s",
            factor, String.join(" and ", drifted))));
      }
    }
    return labels;
  }

  private static List<Label> otherRate(Shape shape, Contract c, List<MonthDraft> drafts) {
    List<Label> labels = new ArrayList<>();
    int metric = shape.metric();
    Catalog.Row other = shape.other();
    BigDecimal own = Catalog.row(c.planId(), c.priceVersion(), metric).overagePrice();
    YearMonth to = shape.from().plusMonths(shape.months() - 1L);
    for (MonthDraft d : drafts) {
      if (!d.month.isBefore(shape.from()) && !d.month.isAfter(to) && d.billsOverage(c, metric)) {
        d.overagePrice[metric] = other.overagePrice();
        labels.add(new Label(d.month, Catalog.METRICS[metric] + " billed at " + other.plan() + " v"
            + other.version() + " rate " + other.overagePrice().toPlainString() + " instead of "
            + own.toPlainString()));
      }
    }
    return labels;
  }

  private static List<Label> shifted(Shape shape, Contract c, List<MonthDraft> drafts) {
    List<Label> labels = new ArrayList<>();
    int metric = shape.metric();
    long[] metered = drafts.stream().mapToLong(d -> d.overageQty[metric]).toArray();
    for (int i = 1; i < drafts.size(); i++) {
      MonthDraft d = drafts.get(i);
      if (d.month.isBefore(shape.from())) {
        continue;
      }
      d.overageQty[metric] = metered[i - 1];
      if (metered[i - 1] > 0 || metered[i] > 0) {
        labels.add(new Label(d.month, Catalog.METRICS[metric] + " billed with the excess of "
            + drafts.get(i - 1).month + " (" + metered[i - 1] + " instead of " + metered[i] + ")"));
      }
    }
    return labels;
  }
}
