package dev.leakproof.datagen;

import static dev.leakproof.core.LeakType.DISCOUNT_OVERAPPLIED;
import static dev.leakproof.core.LeakType.EXPANSION_OPPORTUNITY;
import static dev.leakproof.core.LeakType.EXPIRED_DISCOUNT_APPLIED;
import static dev.leakproof.core.LeakType.HANDOFF_INCOMPLETE;
import static dev.leakproof.core.LeakType.MISSING_INVOICE;
import static dev.leakproof.core.LeakType.OVERBILLED;
import static dev.leakproof.core.LeakType.RATE_MISMATCH;
import static dev.leakproof.core.LeakType.RENEWAL_AT_RISK;
import static dev.leakproof.core.LeakType.RENEWAL_UPLIFT_MISSED;
import static dev.leakproof.core.LeakType.SEAT_COUNT_MISMATCH;
import static dev.leakproof.core.LeakType.SEAT_TRUE_UP;
import static dev.leakproof.core.LeakType.UNBILLED_OVERAGE;
import static dev.leakproof.core.LeakType.USAGE_DECLINE;

import dev.leakproof.core.LeakType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Decides which accounts carry which leaks: about 30% of accounts (at least 9 from 30 accounts up,
 * so every type occurs; two thirds of smaller datasets), each with one billing leak, and some with
 * one signal leak on top. The others are clean.
 */
final class LeakAssigner {

  static final List<LeakType> BILLING = List.of(MISSING_INVOICE, SEAT_COUNT_MISMATCH,
      RENEWAL_UPLIFT_MISSED, RATE_MISMATCH, OVERBILLED, EXPIRED_DISCOUNT_APPLIED,
      DISCOUNT_OVERAPPLIED, SEAT_TRUE_UP, UNBILLED_OVERAGE);
  static final List<LeakType> SIGNALS =
      List.of(EXPANSION_OPPORTUNITY, RENEWAL_AT_RISK, USAGE_DECLINE, HANDOFF_INCOMPLETE);

  private LeakAssigner() {}

  static int leakyCount(int accounts) {
    return accounts >= 30 ? (int) Math.round(0.3 * accounts) : Math.max(1, 2 * accounts / 3);
  }

  /** The planned leaks of each account, by account index; empty for a clean account. */
  static List<EnumSet<LeakType>> assign(int accounts, long seed) {
    SplittableRandom rng = Mix.rng(seed, Mix.LEAKS, 0);
    int[] order = new int[accounts];
    for (int i = 0; i < accounts; i++) {
      order[i] = i;
    }
    for (int i = accounts - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    List<EnumSet<LeakType>> result = new ArrayList<>(accounts);
    for (int i = 0; i < accounts; i++) {
      result.add(EnumSet.noneOf(LeakType.class));
    }
    int leaky = leakyCount(accounts);
    for (int p = 0; p < leaky; p++) {
      EnumSet<LeakType> set = result.get(order[p]);
      LeakType billing = BILLING.get(p % BILLING.size());
      set.add(billing);
      if (p < SIGNALS.size()) {
        set.add(SIGNALS.get(p));
      } else if (rng.nextDouble() < 0.35) {
        LeakType signal = SIGNALS.get(rng.nextInt(SIGNALS.size()));
        if (compatible(billing, signal)) {
          set.add(signal);
        }
      }
    }
    return result;
  }

  /** Whether one contract can carry both leaks without one rule masking or faking the other. */
  static boolean compatible(LeakType billing, LeakType signal) {
    return switch (signal) {
      case EXPANSION_OPPORTUNITY -> billing != SEAT_TRUE_UP;
      case HANDOFF_INCOMPLETE -> billing != RENEWAL_UPLIFT_MISSED && billing != EXPIRED_DISCOUNT_APPLIED;
      case USAGE_DECLINE -> billing != UNBILLED_OVERAGE;
      default -> true;
    };
  }
}
