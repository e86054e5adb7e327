package dev.leakproof.datagen;

import dev.leakproof.core.LeakType;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Objects;

/**
 * A leak the generator put into the dataset on purpose, keyed like a finding of the spec
 * (leak_type, contract_id, metric) with the first and last affected months and the amount the
 * spec's rule yields on the generated data.
 *
 * @param contractId null for account-level types (usage_decline)
 * @param metric set for unbilled_overage only
 */
record InjectedLeak(
    LeakType leakType,
    String accountId,
    String contractId,
    String metric,
    YearMonth firstMonth,
    YearMonth lastMonth,
    BigDecimal amount) {

  public InjectedLeak {
    Objects.requireNonNull(leakType, "leakType");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(firstMonth, "firstMonth");
    Objects.requireNonNull(lastMonth, "lastMonth");
    Objects.requireNonNull(amount, "amount");
  }
}
