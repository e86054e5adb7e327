package dev.leakproof.datagen;

import dev.leakproof.core.Contract;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Simulates each account's users month by month from its first contract: a ramp-up, then churn
 * (users removed and new ones added) and drift, never above the month's cap (the licence, or the
 * licence plus the planned excess). Records the events and seats_used(m), the monthly peak, exactly
 * as the spec counts it.
 */
final class SeatSimulator {

  private final long seed;
  private final LocalDate asOf;
  private final YearMonth asOfMonth;

  SeatSimulator(GeneratorConfig config) {
    this.seed = config.seed();
    this.asOf = config.asOf();
    this.asOfMonth = YearMonth.from(asOf);
  }

  void simulate(AccountPlan a, SeatLog log) {
    SplittableRandom rng = Mix.rng(seed, Mix.SEATS, a.index);
    YearMonth from = a.contracts.get(0).startMonth();
    YearMonth to = a.current().endMonth().isBefore(asOfMonth) ? a.current().endMonth() : asOfMonth;
    int months = (int) from.until(to, ChronoUnit.MONTHS) + 1;
    a.seatBaseMonth = from;
    a.seatPeak = new int[months];
    a.seatFirst = log.size;
    int[] active = new int[64];
    int[] userWs = new int[64];
    int count = 0;
    int nextUser = 1;
    for (int k = 0; k < months; k++) {
      YearMonth m = from.plusMonths(k);
      int licensed = a.contractIn(m).seatsLicensed();
      int cap = cap(a, m);
      int capNext = k + 1 < months ? cap(a, m.plusMonths(1)) : cap;
      int floor = Math.min(cap, Math.max(1, (int) Math.ceil(0.35 * licensed)));
      int target = k == 0 ? (int) Math.round(licensed * (0.55 + 0.35 * rng.nextDouble()))
          : count + (int) Math.round(licensed * (rng.nextDouble() - 0.42) * 0.12);
      target = Math.max(floor, Math.min(cap, target));
      boolean over = a.exceeds(m);
      if (over) {
        target = cap;
      }
      int peakTarget = over ? cap : Math.max(count, target);
      int end = Math.min(target, capNext);
      int churn = k == 0 ? 0 : rng.nextInt(Math.max(1, licensed / 25) + 1);
      int adds = peakTarget - count + churn;
      int removes = churn;
      int drops = peakTarget - end;
      long[] times = times(m, adds + removes + drops, rng);
      int peak = count;
      int phase1 = adds + removes;
      for (int e = 0; e < times.length; e++) {
        boolean remove;
        if (e >= phase1) {
          remove = true;
        } else if (removes == 0 || count == 0) {
          remove = false;
        } else if (adds == 0 || count >= peakTarget) {
          remove = true;
        } else {
          remove = rng.nextInt(adds + removes) < removes;
        }
        if (remove) {
          int pick = rng.nextInt(count);
          int user = active[pick];
          active[pick] = active[--count];
          log.add(times[e], a.wsBase + userWs[user], user, SeatLog.REMOVED);
          if (e < phase1) {
            removes--;
          }
        } else {
          int user = nextUser++;
          if (user >= userWs.length) {
            userWs = Arrays.copyOf(userWs, userWs.length * 2);
          }
          userWs[user] = rng.nextInt(a.wsCount);
          if (count == active.length) {
            active = Arrays.copyOf(active, active.length * 2);
          }
          active[count++] = user;
          log.add(times[e], a.wsBase + userWs[user], user, SeatLog.ADDED);
          adds--;
          peak = Math.max(peak, count);
        }
      }
      a.seatPeak[k] = peak;
    }
    a.seatEnd = log.size;
  }

  /**
   * The seat_freeze shape: withholds the account's seat events from the first day of {@code from} on,
   * so the users active then stay active, and seats_used stays at their number from that month on.
   */
  static void freeze(AccountPlan a, SeatLog log, YearMonth from) {
    long start = from.atDay(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    int active = 0;
    for (int i = a.seatFirst; i < a.seatEnd; i++) {
      if (log.occurred[i] >= start) {
        log.withheld.set(i);
      } else {
        active += log.action[i] == SeatLog.ADDED ? 1 : -1;
      }
    }
    for (int k = (int) a.seatBaseMonth.until(from, ChronoUnit.MONTHS); k < a.seatPeak.length; k++) {
      a.seatPeak[k] = active;
    }
  }

  private static int cap(AccountPlan a, YearMonth m) {
    Contract c = a.contractIn(m);
    int licensed = c == null ? 0 : c.seatsLicensed();
    return licensed + (a.exceeds(m) ? a.exceedSeats : 0);
  }

  /** n distinct, increasing instants within the month (within as-of's day for the as-of month). */
  private long[] times(YearMonth m, int n, SplittableRandom rng) {
    long start = m.atDay(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    LocalDate endDay = m.equals(asOfMonth) ? asOf.plusDays(1) : m.plusMonths(1).atDay(1);
    long length = endDay.atStartOfDay().toEpochSecond(ZoneOffset.UTC) - start;
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = rng.nextLong(length - n);
    }
    Arrays.sort(t);
    for (int i = 0; i < n; i++) {
      t[i] += start + i;
    }
    return t;
  }
}
