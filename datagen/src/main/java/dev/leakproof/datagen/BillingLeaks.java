package dev.leakproof.datagen;

import dev.leakproof.core.Contract;
import dev.leakproof.core.LeakType;
import dev.leakproof.core.Money;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Turns correct month drafts of a contract into leaky ones for its planned billing leak: drops
 * invoices, bills fewer seats, an old or wrong price, an expired or inflated discount, or leaves
 * out true-ups and overage. Each leak covers a run of consecutive eligible months.
 */
final class BillingLeaks {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private BillingLeaks() {}

  static void apply(LeakType leak, Contract c, List<MonthDraft> drafts, SplittableRandom rng) {
    switch (leak) {
      case MISSING_INVOICE -> run(drafts, d -> !d.hasOverage() && d.trueUp == 0, 1 + rng.nextInt(2), rng)
          .forEach(d -> d.missing = true);
      case SEAT_COUNT_MISMATCH -> {
        int shortBy = Math.min(c.seatsLicensed() - 1,
            Math.max(1, (int) Math.round(c.seatsLicensed() * (0.1 + 0.2 * rng.nextDouble()))));
        run(drafts, d -> true, 1 + rng.nextInt(4), rng).forEach(d -> d.seats -= shortBy);
      }
      case RENEWAL_UPLIFT_MISSED -> {
        int maxYear = c.contractYear(drafts.get(drafts.size() - 1).month);
        int year = 1 + rng.nextInt(maxYear);
        BigDecimal old = c.seatPrice(c.startMonth().plusMonths(12L * (year - 1)));
        drafts.stream().filter(d -> c.contractYear(d.month) >= year).forEach(d -> d.seatPrice = old);
      }
      case RATE_MISMATCH -> {
        double factor = 0.8 + 0.13 * rng.nextDouble();
        run(drafts, d -> true, 2 + rng.nextInt(5), rng).forEach(d -> d.seatPrice = offPrice(c, d.month, factor));
      }
      case OVERBILLED -> {
        BigDecimal factor = BigDecimal.valueOf(1.03 + 0.07 * rng.nextDouble());
        run(drafts, d -> true, 1 + rng.nextInt(3), rng)
            .forEach(d -> d.seatPrice = Money.cents(d.seatPrice.multiply(factor)));
      }
      case EXPIRED_DISCOUNT_APPLIED -> {
        List<MonthDraft> expired = drafts.stream()
            .filter(d -> !d.month.atDay(1).isBefore(c.discountEndDate())).toList();
        int n = 1 + rng.nextInt(expired.size());
        expired.subList(0, n).forEach(d -> d.discount = discount(c, d.month, c.discountPct()));
      }
      case DISCOUNT_OVERAPPLIED -> {
        BigDecimal pct = c.discountPct().add(BigDecimal.valueOf(5L * (1 + rng.nextInt(2))));
        run(drafts, d -> d.discount.signum() > 0, 2 + rng.nextInt(4), rng)
            .forEach(d -> d.discount = discount(c, d.month, pct));
      }
      case SEAT_TRUE_UP -> {
        boolean half = rng.nextDouble() < 0.3;
        run(drafts, d -> d.trueUp > 0, 1 + rng.nextInt(6), rng).forEach(d -> d.trueUp = half ? d.trueUp / 2 : 0);
      }
      case UNBILLED_OVERAGE -> unbilled(drafts, rng);
      default -> throw new IllegalArgumentException("Invalid billing leak: " + leak.code());
    }
  }

  private static void unbilled(List<MonthDraft> drafts, SplittableRandom rng) {
    int best = -1;
    long bestMonths = 0;
    for (int metric = 0; metric < Catalog.METRICS.length; metric++) {
      final int m = metric;
      long months = drafts.stream().filter(d -> d.overageQty[m] > 0).count();
      if (months > bestMonths) {
        best = metric;
        bestMonths = months;
      }
    }
    if (best < 0) {
      return;
    }
    final int metric = best;
    double billedShare = rng.nextDouble() < 0.6 ? 0 : 0.4 + 0.4 * rng.nextDouble();
    int length = rng.nextDouble() < 0.7 ? Integer.MAX_VALUE : 1 + rng.nextInt(3);
    run(drafts, d -> d.overageQty[metric] > 0, length, rng)
        .forEach(d -> d.overageQty[metric] = (long) Math.floor(d.overageQty[metric] * billedShare));
  }

  /** A price below p(m) that is no earlier contract year's price (else it reads as a missed uplift). */
  private static BigDecimal offPrice(Contract c, YearMonth m, double factor) {
    BigDecimal p = c.seatPrice(m);
    BigDecimal price = Money.cents(p.multiply(BigDecimal.valueOf(factor)));
    boolean clash = true;
    while (clash) {
      clash = false;
      for (int y = 0; y < c.contractYear(m); y++) {
        BigDecimal earlier = c.seatPrice(c.startMonth().plusMonths(12L * y));
        if (earlier.subtract(price).abs().compareTo(Money.HALF_CENT.multiply(BigDecimal.valueOf(4))) <= 0) {
          price = price.subtract(new BigDecimal("0.37"));
          clash = true;
        }
      }
    }
    return price;
  }

  private static BigDecimal discount(Contract c, YearMonth m, BigDecimal pct) {
    BigDecimal list = c.seatPrice(m).multiply(BigDecimal.valueOf(c.seatsLicensed()));
    return Money.cents(pct.divide(HUNDRED).multiply(list));
  }

  /** Up to {@code length} consecutive eligible months, starting at a random eligible one. */
  private static List<MonthDraft> run(List<MonthDraft> drafts, Predicate<MonthDraft> eligible, int length,
      SplittableRandom rng) {
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < drafts.size(); i++) {
      if (eligible.test(drafts.get(i))) {
        starts.add(i);
      }
    }
    List<MonthDraft> chosen = new ArrayList<>();
    if (starts.isEmpty()) {
      return chosen;
    }
    for (int i = starts.get(rng.nextInt(starts.size())); i < drafts.size() && chosen.size() < length; i++) {
      if (!eligible.test(drafts.get(i))) {
        break;
      }
      chosen.add(drafts.get(i));
    }
    return chosen;
  }
}
