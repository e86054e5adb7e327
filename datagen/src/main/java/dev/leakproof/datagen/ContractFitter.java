package dev.leakproof.datagen;

import dev.leakproof.core.LeakType;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Chooses a contract's start month, term and renewal so that it is in force at the as-of date (or,
 * for a churned account, ended well before it) and leaves room for the planned leaks: enough closed
 * months, a passed anniversary, an end date in the renewal window, a recent start.
 */
final class ContractFitter {

  /** A term: auto-renewed terms keep start and move end out by whole terms until it covers as-of. */
  record Term(YearMonth start, int months, boolean autoRenew, YearMonth end) {}

  private static final int[] TERMS = {12, 24, 36};

  private final LocalDate asOf;
  private final YearMonth asOfMonth;
  private final YearMonth lastClosed;

  ContractFitter(LocalDate asOf) {
    this.asOf = asOf;
    this.asOfMonth = YearMonth.from(asOf);
    this.lastClosed = asOfMonth.minusMonths(1);
  }

  /** A random term that fits every leak, or null when none does. */
  Term pick(SplittableRandom rng, Set<LeakType> leaks, boolean churned) {
    List<Term> candidates = new ArrayList<>();
    for (int back = 35; back >= 0; back--) {
      YearMonth start = asOfMonth.minusMonths(back);
      for (int months : TERMS) {
        for (int renew = 0; renew < 2; renew++) {
          Term term = term(start, months, renew == 1);
          boolean ended = term.end.atEndOfMonth().isBefore(asOf);
          if (churned ? !ended || term.autoRenew || term.end.isAfter(asOfMonth.minusMonths(3)) : ended) {
            continue;
          }
          if (fitsAll(term, leaks)) {
            candidates.add(term);
          }
        }
      }
    }
    return candidates.isEmpty() ? null : candidates.get(rng.nextInt(candidates.size()));
  }

  private Term term(YearMonth start, int months, boolean autoRenew) {
    YearMonth end = start.plusMonths(months - 1);
    while (autoRenew && end.atEndOfMonth().isBefore(asOf)) {
      end = end.plusMonths(months);
    }
    return new Term(start, months, autoRenew, end);
  }

  private boolean fitsAll(Term term, Set<LeakType> leaks) {
    for (LeakType leak : leaks) {
      if (!fits(term, leak)) {
        return false;
      }
    }
    return true;
  }

  /** Closed months of the term up to the last closed month. */
  long closedMonths(Term term) {
    YearMonth last = term.end.isBefore(lastClosed) ? term.end : lastClosed;
    return Math.max(0, term.start.until(last, ChronoUnit.MONTHS) + 1);
  }

  private boolean fits(Term term, LeakType leak) {
    long closed = closedMonths(term);
    return switch (leak) {
      case MISSING_INVOICE, EXPIRED_DISCOUNT_APPLIED -> closed >= 3;
      case SEAT_COUNT_MISMATCH, RATE_MISMATCH, OVERBILLED, DISCOUNT_OVERAPPLIED, SEAT_TRUE_UP -> closed >= 2;
      case RENEWAL_UPLIFT_MISSED -> closed >= 14;
      case UNBILLED_OVERAGE, EXPANSION_OPPORTUNITY -> closed >= 1;
      case RENEWAL_AT_RISK -> inRenewalWindow(term.end.atEndOfMonth());
      case USAGE_DECLINE -> !term.start.isAfter(asOfMonth.minusMonths(3));
      case HANDOFF_INCOMPLETE -> closed >= 1 && !term.start.atDay(1).isBefore(asOf.minusDays(175));
    };
  }

  /** The renewal_at_risk window: end_date in (as_of, as_of + 90 days]. */
  boolean inRenewalWindow(LocalDate end) {
    return end.isAfter(asOf) && !end.isAfter(asOf.plusDays(90));
  }
}
