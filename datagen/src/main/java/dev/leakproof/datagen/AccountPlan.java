package dev.leakproof.datagen;

import dev.leakproof.core.Contract;
import dev.leakproof.core.CrmHealth;
import dev.leakproof.core.LeakType;
import dev.leakproof.core.Segment;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;

/**
 * Everything decided about one account before files are written: CRM fields, contracts (oldest
 * first), workspaces, the usage and seat profiles, the leaks planned for it and, for a rule-clean
 * account, its leak shape. Filled in by {@link AccountPlanner}, {@link SeatSimulator} and
 * {@link ShapePlanner}; read by every writer.
 */
final class AccountPlan {

  final int index;
  final String id;
  final EnumSet<LeakType> planned;

  Segment segment;
  String name;
  String csmEmail;
  CrmHealth health;
  LocalDate lastContact;
  List<Contract> contracts;

  // Workspaces: global indexes wsBase .. wsBase + wsCount - 1.
  int wsBase;
  int wsCount;
  double[] wsShare;

  // Usage profile, per slot of `metrics` (catalogue metric indexes).
  int[] metrics;
  double[] dailyLevel;
  long[][] slotWeight;
  double trendPerDay;
  long declineFromDay = Long.MAX_VALUE;
  double declineFactor = 1;
  long activeFromDay;
  long activeToDay;

  // Seat profile: months above the licence, and the peak of active users per month.
  YearMonth exceedFrom;
  YearMonth exceedTo;
  int exceedSeats;
  YearMonth seatBaseMonth;
  int[] seatPeak = new int[0];
  // This account's events in the seat log: positions seatFirst .. seatEnd - 1.
  int seatFirst;
  int seatEnd;

  /** The leak shape of a rule-clean account, or null. */
  Shape shape;

  AccountPlan(int index, EnumSet<LeakType> planned) {
    this.index = index;
    this.id = Mix.padded("ACC-", index + 1, 5);
    this.planned = planned;
  }

  boolean clean() {
    return planned.isEmpty();
  }

  Contract current() {
    return contracts.get(contracts.size() - 1);
  }

  boolean activeOn(long epochDay) {
    return epochDay >= activeFromDay && epochDay <= activeToDay;
  }

  /** The contract whose term holds the month, or null. */
  Contract contractIn(YearMonth month) {
    for (Contract c : contracts) {
      if (c.inTerm(month)) {
        return c;
      }
    }
    return null;
  }

  boolean exceeds(YearMonth month) {
    return exceedSeats > 0 && !month.isBefore(exceedFrom) && !month.isAfter(exceedTo);
  }

  /** seats_used(m): the peak of active users in the month, 0 outside the simulated range. */
  int seatsUsed(YearMonth month) {
    if (seatBaseMonth == null || month.isBefore(seatBaseMonth)) {
      return 0;
    }
    long k = seatBaseMonth.until(month, java.time.temporal.ChronoUnit.MONTHS);
    return k < seatPeak.length ? seatPeak[(int) k] : 0;
  }
}
