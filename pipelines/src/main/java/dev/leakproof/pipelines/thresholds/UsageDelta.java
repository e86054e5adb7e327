package dev.leakproof.pipelines.thresholds;

import java.math.BigDecimal;

/**
 * What one accepted usage line changes in an account's usage of a metric in a month: an
 * original's quantity, or what a correction adds to (or takes from) the quantity it replaces. The
 * account and month are the original's.
 *
 * @param monthStartEpochDay the first day of the UTC month of the original's occurred_at
 * @param receivedAtMicros when the line was received (UTC microseconds), or Long.MIN_VALUE
 * @param collectedAtMicros when the collector took it, or Long.MIN_VALUE
 */
public record UsageDelta(String accountId, String metric, long monthStartEpochDay, BigDecimal delta, String eventId,
    long receivedAtMicros, long collectedAtMicros, long seq) {

  /** The key of the threshold operator. */
  public String usageKey() {
    return accountId + '|' + metric + '|' + monthStartEpochDay;
  }
}
