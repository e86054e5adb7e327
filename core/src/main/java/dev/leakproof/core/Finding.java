package dev.leakproof.core;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Objects;

/**
 * One row of findings.csv: a leak of one type on one contract (and metric), summed over the
 * affected closed months, with the evidence behind it and what to do about it.
 *
 * @param contractId null for account-level types
 * @param metric null unless the type is per metric
 */
public record Finding(
    LeakType leakType,
    String accountId,
    String contractId,
    String metric,
    YearMonth periodStart,
    YearMonth periodEnd,
    BigDecimal amount,
    String currency,
    String evidence,
    String recommendedAction) {

  public Finding {
    Objects.requireNonNull(leakType, "leakType");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(periodStart, "periodStart");
    Objects.requireNonNull(periodEnd, "periodEnd");
    Objects.requireNonNull(amount, "amount");
    if (periodEnd.isBefore(periodStart)) {
      throw new IllegalArgumentException("Invalid period: " + periodStart + ".." + periodEnd + " (" + leakType.code()
          + ", account " + accountId + ")");
    }
    amount = Money.cents(amount);
  }

  public FindingKind kind() {
    return leakType.kind();
  }
}
