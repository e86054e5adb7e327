package dev.leakproof.datagen;

import dev.leakproof.core.Contract;
import dev.leakproof.core.LeakType;
import dev.leakproof.core.Money;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings of one account, one per (leak_type, contract, metric): amounts rounded to cents per
 * month and summed, months widened to the first and last affected month.
 */
final class LeakTally {

  private final String accountId;
  private final Map<String, InjectedLeak> byKey = new LinkedHashMap<>();

  LeakTally(String accountId) {
    this.accountId = accountId;
  }

  void add(LeakType type, Contract c, String metric, YearMonth m, BigDecimal amount) {
    String contractId = c == null ? null : c.contractId();
    BigDecimal cents = Money.cents(amount);
    byKey.merge(type + "|" + contractId + "|" + metric,
        new InjectedLeak(type, accountId, contractId, metric, m, m, cents),
        (x, y) -> new InjectedLeak(type, accountId, contractId, metric,
            x.firstMonth().isBefore(m) ? x.firstMonth() : m, x.lastMonth().isAfter(m) ? x.lastMonth() : m,
            x.amount().add(cents)));
  }

  /** By leak type, then contract, then metric. */
  List<InjectedLeak> list() {
    List<InjectedLeak> list = new ArrayList<>(byKey.values());
    list.sort(Comparator.comparing(InjectedLeak::leakType)
        .thenComparing(l -> l.contractId() == null ? "" : l.contractId())
        .thenComparing(l -> l.metric() == null ? "" : l.metric()));
    return list;
  }
}
