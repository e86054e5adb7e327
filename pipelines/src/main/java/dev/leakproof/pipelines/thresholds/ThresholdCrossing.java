package dev.leakproof.pipelines.thresholds;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One threshold event: an account's committed usage of a metric in a billing month reached
 * {@code levelPct} percent of its plan limit with the line {@code eventId}. Raised once per
 * account, metric, month and level.
 *
 * @param usage the month's usage once the line counted
 * @param detectedAtMicros when the job saw the crossing (UTC microseconds)
 */
public record ThresholdCrossing(String accountId, String metric, long monthStartEpochDay, int levelPct,
    BigDecimal usage, BigDecimal includedUnits, String contractId, String planId, int priceVersion,
    BigDecimal overageUnitPrice, String currency, String eventId, long receivedAtMicros, long collectedAtMicros,
    long detectedAtMicros, String accountName, String csmEmail) {

  public LocalDate month() {
    return LocalDate.ofEpochDay(monthStartEpochDay);
  }

  /** {@code ACC-00042|emails_sent|2026-06|90}: the key of its notification. */
  public String key() {
    return key(accountId, metric, month(), levelPct);
  }

  /** The notification key of an account's level of a metric in the month starting {@code month}. */
  public static String key(String accountId, String metric, LocalDate month, int levelPct) {
    return accountId + '|' + metric + '|' + month.toString().substring(0, 7) + '|' + levelPct;
  }
}
