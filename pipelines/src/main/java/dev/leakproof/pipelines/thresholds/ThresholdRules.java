package dev.leakproof.pipelines.thresholds;

import dev.leakproof.pipelines.hygiene.EventRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The threshold rules both wirings share (the keyed operators of the continuous job and the
 * single-task operator of a bounded run): what an accepted usage line adds to its month, and which
 * levels the month's usage then reaches for the first time.
 */
public final class ThresholdRules {

  /** What an accepted original counted: the account, metric and month its corrections change. */
  public record CountedEvent(String accountId, String metric, long monthStartEpochDay, BigDecimal quantity) {}

  /** An account's usage of a metric in a month so far, and the highest level raised (0: none). */
  public record Progress(BigDecimal usage, int highestLevel) {
    public static final Progress NONE = new Progress(BigDecimal.ZERO, 0);
  }

  /** A delta and what its event now counts. */
  public record Counted(UsageDelta delta, CountedEvent event) {}

  private ThresholdRules() {}

  /**
   * What an accepted usage line changes: an original counts its quantity in its account's month;
   * a correction counts the difference to what its original (or the previous correction) counted.
   *
   * @param counted what the line's target event counted so far, null for an original
   * @return null when nothing is counted: an original of a workspace no account owns, or a
   *     correction whose original is no longer remembered
   */
  public static Counted count(EventRecord e, CountedEvent counted, PlanLimits limits) {
    if (!e.isCorrection()) {
      String account = limits.account(e.workspaceId());
      if (account == null) {
        return null;
      }
      LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(e.occurredAtMicros(), 86_400_000_000L));
      long month = day.withDayOfMonth(1).toEpochDay();
      CountedEvent now = new CountedEvent(account, e.metric(), month, e.quantity());
      return new Counted(new UsageDelta(account, e.metric(), month, e.quantity(), e.eventId(), e.receivedAtMicros(),
          e.collectedAtMicros(), e.seq()), now);
    }
    if (counted == null) {
      return null;
    }
    BigDecimal delta = e.quantity().subtract(counted.quantity());
    CountedEvent now = new CountedEvent(counted.accountId(), counted.metric(), counted.monthStartEpochDay(),
        e.quantity());
    return new Counted(new UsageDelta(counted.accountId(), counted.metric(), counted.monthStartEpochDay(), delta,
        e.eventId(), e.receivedAtMicros(), e.collectedAtMicros(), e.seq()), now);
  }

  /** The month's progress after a delta, and the threshold events it raises (ascending levels). */
  public record Applied(Progress progress, List<ThresholdCrossing> crossings) {}

  public static Applied apply(UsageDelta d, Progress before, PlanLimits limits, ThresholdPolicy policy,
      long nowMicros) {
    Progress p = before == null ? Progress.NONE : before;
    BigDecimal usage = p.usage().add(d.delta());
    List<ThresholdCrossing> out = new ArrayList<>();
    PlanLimits.Limit limit = limits.limit(d.accountId(), d.metric(), LocalDate.ofEpochDay(d.monthStartEpochDay()));
    int highest = p.highestLevel();
    if (limit != null && d.delta().signum() > 0) {
      PlanLimits.AccountInfo who = limits.accountInfo(d.accountId());
      for (int level : policy.crossed(limit.planId(), highest, usage, limit.includedUnits())) {
        out.add(new ThresholdCrossing(d.accountId(), d.metric(), d.monthStartEpochDay(), level, usage,
            limit.includedUnits(), limit.contractId(), limit.planId(), limit.priceVersion(), limit.overageUnitPrice(),
            limit.currency(), d.eventId(), d.receivedAtMicros(), d.collectedAtMicros(), nowMicros,
            who == null ? null : who.accountName(), who == null ? null : who.csmEmail()));
        highest = level;
      }
    }
    return new Applied(new Progress(usage, highest), out);
  }
}
