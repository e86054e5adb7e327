package dev.leakproof.datagen;

import dev.leakproof.core.Contract;
import dev.leakproof.core.LeakType;
import dev.leakproof.core.Money;
import dev.leakproof.core.Segment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds contract rows: plan and seats by segment, a negotiated seat price around list, uplift,
 * discount and overage settings, and the handoff fields, shaped to carry the planned leaks.
 */
final class ContractFactory {

  private static final int[] SMB_SEATS = {5, 10, 15, 20, 25, 30, 40, 50};
  private static final int[] UPLIFTS = {0, 0, 3, 5, 7};
  private static final int[] DISCOUNTS = {5, 10, 15, 20, 25};

  private final LocalDate asOf;
  private final YearMonth lastClosed;

  ContractFactory(LocalDate asOf) {
    this.asOf = asOf;
    this.lastClosed = YearMonth.from(asOf).minusMonths(1);
  }

  static String planFor(Segment segment, SplittableRandom rng) {
    double u = rng.nextDouble();
    return switch (segment) {
      case SMB -> u < 0.75 ? "starter" : "growth";
      case MID -> u < 0.15 ? "starter" : u < 0.85 ? "growth" : "enterprise";
      case ENTERPRISE -> u < 0.7 ? "enterprise" : "growth";
    };
  }

  static int seatsFor(Segment segment, SplittableRandom rng) {
    return switch (segment) {
      case SMB -> SMB_SEATS[rng.nextInt(SMB_SEATS.length)];
      case MID -> 25 + 5 * rng.nextInt(36);
      case ENTERPRISE -> 100 + 25 * rng.nextInt(17);
    };
  }

  Contract current(String id, AccountPlan a, String plan, ContractFitter.Term term,
      Set<LeakType> leaks, SplittableRandom rng) {
    LocalDate start = term.start().atDay(1);
    int version = Catalog.versionFor(start, asOf);
    int seats = seatsFor(a.segment, rng);
    BigDecimal list = Catalog.baseSeatPrice(plan).multiply(version == 2 ? new BigDecimal("1.05") : BigDecimal.ONE);
    BigDecimal price = Money.cents(list.multiply(BigDecimal.valueOf(0.88 + 0.17 * rng.nextDouble())));
    int uplift = leaks.contains(LeakType.RENEWAL_UPLIFT_MISSED)
        ? 3 + 2 * rng.nextInt(3) : UPLIFTS[rng.nextInt(UPLIFTS.length)];
    int discount = 0;
    LocalDate discountEnd = null;
    if (leaks.contains(LeakType.EXPIRED_DISCOUNT_APPLIED)) {
      discount = 10 + 5 * rng.nextInt(4);
      YearMonth from = max(term.start().plusMonths(1), lastClosed.minusMonths(6));
      discountEnd = from.plusMonths(rng.nextInt((int) months(from, lastClosed.minusMonths(1)) + 1)).atDay(1);
    } else if (leaks.contains(LeakType.DISCOUNT_OVERAPPLIED)) {
      discount = 5 + 5 * rng.nextInt(4);
      discountEnd = rng.nextBoolean() ? null : lastClosed.plusMonths(1 + rng.nextInt(12)).atDay(1);
    } else if (rng.nextDouble() < 0.35) {
      discount = DISCOUNTS[rng.nextInt(DISCOUNTS.length)];
      discountEnd = rng.nextDouble() < 0.4 ? null : term.start().plusMonths(6 * (1 + rng.nextInt(3))).atDay(1);
    }
    boolean autoBill = leaks.contains(LeakType.SEAT_TRUE_UP)
        || (!leaks.contains(LeakType.EXPANSION_OPPORTUNITY) && rng.nextBoolean());
    String[] handoff = handoff(rng);
    if (leaks.contains(LeakType.HANDOFF_INCOMPLETE)) {
      handoff[rng.nextInt(3)] = null;
    }
    return new Contract(id, a.id, plan, version, start, term.end().atEndOfMonth(), seats, price,
        rng.nextDouble() < 0.06 ? "EUR" : "USD", BigDecimal.valueOf(uplift), BigDecimal.valueOf(discount),
        discountEnd, autoBill, term.autoRenew(), handoff[0], handoff[1], handoff[2]);
  }

  /** The contract that ended the month before {@code next} started: same plan, fewer or equal seats. */
  Contract predecessor(String id, Contract next, SplittableRandom rng) {
    YearMonth start = next.startMonth().minusMonths(12L * (1 + rng.nextInt(2)));
    int seats = Math.max(5, (int) Math.round(next.seatsLicensed() * (0.6 + 0.4 * rng.nextDouble())));
    BigDecimal price = Money.cents(next.seatUnitPrice().multiply(new BigDecimal("0.95")));
    String[] handoff = handoff(rng);
    return new Contract(id, next.accountId(), next.planId(), Catalog.versionFor(start.atDay(1), asOf),
        start.atDay(1), next.startMonth().minusMonths(1).atEndOfMonth(), Math.min(seats, next.seatsLicensed()),
        price, next.currency(), next.annualUpliftPct(), BigDecimal.ZERO, null, next.autoBillOverages(),
        false, handoff[0], handoff[1], handoff[2]);
  }

  private static String[] handoff(SplittableRandom rng) {
    return new String[] {
        Catalog.FIRST[rng.nextInt(Catalog.FIRST.length)] + " " + Catalog.LAST[rng.nextInt(Catalog.LAST.length)],
        Catalog.SCOPE[rng.nextInt(Catalog.SCOPE.length)],
        Catalog.RATE_NOTE[rng.nextInt(Catalog.RATE_NOTE.length)]};
  }

  private static YearMonth max(YearMonth a, YearMonth b) {
    return a.isAfter(b) ? a : b;
  }

  private static long months(YearMonth from, YearMonth to) {
    return Math.max(0, from.until(to, java.time.temporal.ChronoUnit.MONTHS));
  }
}
