package dev.leakproof.pipelines.thresholds;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan limits usage is measured against, as {@code usage_vs_plan} computes them: the contract
 * in force on the first day of the month (the latest to start when terms overlap) and its own
 * price book version's included units and overage price for the metric. Immutable.
 */
public final class PlanLimits implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A contract's term and plan. */
  public record Term(String contractId, String accountId, String planId, int priceVersion, LocalDate start,
      LocalDate end, String currency) implements Serializable {}

  /** A plan's limit of one metric. */
  public record Price(BigDecimal includedUnits, BigDecimal overageUnitPrice) implements Serializable {}

  /** Who works the account. */
  public record AccountInfo(String accountName, String csmEmail) implements Serializable {}

  /** The limit that applies to an account, metric and month. */
  public record Limit(String contractId, String planId, int priceVersion, BigDecimal includedUnits,
      BigDecimal overageUnitPrice, String currency) {}

  private final Map<String, String> workspaceAccounts;
  private final Map<String, List<Term>> terms;
  private final Map<String, Price> prices;
  private final Map<String, AccountInfo> accounts;

  public PlanLimits(Map<String, String> workspaceAccounts, List<Term> terms, Map<String, Price> prices,
      Map<String, AccountInfo> accounts) {
    this.workspaceAccounts = Map.copyOf(workspaceAccounts);
    Map<String, List<Term>> byAccount = new HashMap<>();
    for (Term t : terms) {
      byAccount.computeIfAbsent(t.accountId(), k -> new java.util.ArrayList<>()).add(t);
    }
    byAccount.replaceAll((k, v) -> v.stream()
        .sorted(Comparator.comparing(Term::start).reversed().thenComparing(Term::contractId)).toList());
    this.terms = Map.copyOf(byAccount);
    this.prices = Map.copyOf(prices);
    this.accounts = Map.copyOf(accounts);
  }

  /** The key of a price book row. */
  public static String priceKey(String planId, int priceVersion, String metric) {
    return planId + '\u0000' + priceVersion + '\u0000' + metric;
  }

  /** The account of a workspace, or null. */
  public String account(String workspaceId) {
    return workspaceId == null ? null : workspaceAccounts.get(workspaceId);
  }

  /** The account's name and CSM, or null. */
  public AccountInfo accountInfo(String accountId) {
    return accounts.get(accountId);
  }

  /** The limit of the month starting on {@code monthStart}, or null when no contract or price applies. */
  public Limit limit(String accountId, String metric, LocalDate monthStart) {
    for (Term t : terms.getOrDefault(accountId, List.of())) {
      if (!monthStart.isBefore(t.start()) && !monthStart.isAfter(t.end())) {
        Price p = prices.get(priceKey(t.planId(), t.priceVersion(), metric));
        return p == null ? null : new Limit(t.contractId(), t.planId(), t.priceVersion(), p.includedUnits(),
            p.overageUnitPrice(), t.currency());
      }
    }
    return null;
  }
}
