package dev.leakproof.cli.ml;

import dev.leakproof.cli.support.UsageException;
import dev.leakproof.core.FindingKind;
import dev.leakproof.core.LeakType;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns an audited warehouse into a {@link Snapshot}. Outcomes are known at the warehouse's as-of
 * date; the account features are rebuilt as they were 3, 6, ... months earlier, on a copy of the
 * warehouse so the original keeps its marts. A confirmed finding is a rule finding of kind leakage
 * or dispute_risk (the rules are exact), a labelled leak shape, or an anomaly a reviewer confirmed;
 * a rule finding a reviewer dismissed does not count.
 */
final class SnapshotCollector {

  /** The finding kinds that are money billed wrong. */
  static final Set<FindingKind> MONEY = Set.of(FindingKind.LEAKAGE, FindingKind.DISPUTE_RISK);

  private SnapshotCollector() {}

  /** The leak types a review row names (several, comma-separated, when the review grouped them). */
  private static Set<String> types(ReviewDecisions.Label d) {
    return Arrays.stream(d.leakType().split(",")).map(String::strip).filter(t -> !t.isEmpty())
        .collect(Collectors.toSet());
  }

  /** The rule leak types of the money kinds, as a SQL list: {@code 'missing_invoice', ...}. */
  static String moneyLeakTypes() {
    return Arrays.stream(LeakType.values()).filter(t -> MONEY.contains(t.kind()))
        .map(t -> "'" + t.code() + "'").collect(Collectors.joining(", "));
  }

  /**
   * @param warehouseFile the audited warehouse (closed); it is copied, never changed
   * @param shapes contract_id|YYYY-MM → shape; empty when the data has no labels
   * @param decisions reviewers' decisions; empty when there are none
   * @param quarters how many earlier as-of dates (3 months apart) the risk model learns from
   */
  static Snapshot collect(String name, Path warehouseFile, Path work, LocalDate asOf, Map<String, String> shapes,
      List<ReviewDecisions.Label> decisions, int quarters) throws Exception {
    Files.createDirectories(work);
    Path copy = work.resolve("history.duckdb");
    Files.deleteIfExists(copy);
    Files.deleteIfExists(work.resolve("history.duckdb.wal"));
    Files.copy(warehouseFile, copy, StandardCopyOption.REPLACE_EXISTING);
    try (DuckDbWarehouse w = DuckDbWarehouse.open(DuckDbWarehouse.Settings.defaults(copy))) {
      Connection db = w.connection();
      // the feature marts as this version builds them, whichever version built the warehouse
      ModelBuild.run(w, work, asOf, "+" + MlFeatures.CONTRACT_MONTHS);
      List<MlFeatures.ContractMonth> rows = MlFeatures.contractMonths(db, MlFeatures.ANOMALY);
      Map<String, String> accountOf = new HashMap<>();
      rows.forEach(r -> accountOf.put(r.contractId(), r.accountId()));
      Set<String> ruleMonths = new HashSet<>();
      Map<String, Set<YearMonth>> leakMonths = new HashMap<>();
      Map<String, Set<YearMonth>> ruleLeakMonths = new HashMap<>();
      readLeakMonths(db, decisions, ruleMonths, ruleLeakMonths);
      ruleLeakMonths.forEach((a, ms) -> leakMonths.computeIfAbsent(a, k -> new HashSet<>()).addAll(ms));
      Map<String, String> labelled = new HashMap<>(shapes);
      for (ReviewDecisions.Label d : decisions) {
        if (d.decision() == ReviewDecisions.Decision.CONFIRMED && types(d).contains(AnomalyFindings.LEAK_TYPE)
            && d.contractId() != null && !d.contractId().isEmpty()) {
          for (YearMonth m = d.periodStart(); !m.isAfter(d.periodEnd()); m = m.plusMonths(1)) {
            labelled.putIfAbsent(d.contractId() + "|" + m, "confirmed_anomaly");
          }
        }
      }
      labelled.forEach((key, shape) -> {
        String contract = key.substring(0, key.indexOf('|'));
        String account = accountOf.get(contract);
        if (account != null) {
          leakMonths.computeIfAbsent(account, k -> new HashSet<>()).add(YearMonth.parse(key.substring(key.indexOf('|') + 1)));
        }
      });
      List<Snapshot.Month> months = new ArrayList<>(rows.size());
      for (MlFeatures.ContractMonth r : rows) {
        months.add(new Snapshot.Month(r, labelled.get(r.key()), ruleMonths.contains(r.key())));
      }
      List<String> riskFeatures = MlFeatures.accountFeatureNames(db);
      List<Snapshot.AccountQuarter> accounts = new ArrayList<>();
      for (int k = 1; k <= quarters; k++) {
        LocalDate then = asOf.minusMonths(3L * k);
        ModelBuild.run(w, work, then, "+" + MlFeatures.ACCOUNTS);
        YearMonth next = YearMonth.from(then);
        for (MlFeatures.Account a : MlFeatures.accounts(db, riskFeatures)) {
          Set<YearMonth> all = leakMonths.getOrDefault(a.accountId(), Set.of());
          Set<YearMonth> rule = ruleLeakMonths.getOrDefault(a.accountId(), Set.of());
          boolean outcome = all.stream().anyMatch(m -> !m.isBefore(next) && !m.isAfter(next.plusMonths(2)));
          long before = rule.stream().filter(m -> !m.isBefore(next.minusMonths(3)) && m.isBefore(next)).count();
          accounts.add(new Snapshot.AccountQuarter(then, a, outcome, before));
        }
      }
      return new Snapshot(name, asOf, MlFeatures.ANOMALY, months, riskFeatures, accounts);
    } finally {
      Files.deleteIfExists(copy);
      Files.deleteIfExists(work.resolve("history.duckdb.wal"));
    }
  }

  /** contract_id|YYYY-MM of each contract-month a rule finding of a money kind covers. */
  static Set<String> ruleContractMonths(Connection db) throws SQLException, UsageException {
    Set<String> months = new HashSet<>();
    readLeakMonths(db, List.of(), months, new HashMap<>());
    return months;
  }

  /**
   * Each contract-month (and account-month) with a rule finding of a money kind, from
   * int_leak_months, less the findings a reviewer dismissed.
   */
  private static void readLeakMonths(Connection db, List<ReviewDecisions.Label> decisions, Set<String> contractMonths,
      Map<String, Set<YearMonth>> accountMonths) throws SQLException, UsageException {
    String types = moneyLeakTypes();
    Set<String> dismissed = new HashSet<>();
    for (ReviewDecisions.Label d : decisions) {
      if (d.decision() == ReviewDecisions.Decision.DISMISSED) {
        for (String type : types(d)) {
          for (YearMonth m = d.periodStart(); !m.isAfter(d.periodEnd()); m = m.plusMonths(1)) {
            dismissed.add(type + "|" + d.contractId() + "|" + m);
          }
        }
      }
    }
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT leak_type, account_id, "
        + "contract_id, month_start FROM main.int_leak_months WHERE leak_type IN (" + types + ")")) {
      while (rs.next()) {
        YearMonth m = YearMonth.from(rs.getObject(4, LocalDate.class));
        String contract = rs.getString(3);
        if (dismissed.contains(rs.getString(1) + "|" + contract + "|" + m)) {
          continue;
        }
        if (contract != null) {
          contractMonths.add(contract + "|" + m);
        }
        accountMonths.computeIfAbsent(rs.getString(2), k -> new HashSet<>()).add(m);
      }
    } catch (SQLException e) {
      throw new UsageException("No main.int_leak_months in the warehouse: build the models first ("
          + e.getMessage().lines().findFirst().orElse("") + ")");
    }
  }
}
