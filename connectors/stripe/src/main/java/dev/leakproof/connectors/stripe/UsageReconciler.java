package dev.leakproof.connectors.stripe;

import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.RetryPolicy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * After a usage sync, reads Stripe's meter event summaries back (per customer, meter and UTC day)
 * and compares them with the warehouse: what the model metered against what Stripe bills through
 * the meter plus the units the sync billed as invoice items (from the ledger). The capture rate is
 * billed / metered; every row with a gap is kept in {@code leakproof_sync.stripe_reconciliation}
 * and becomes a {@code billing_gap} finding in {@code leakproof_sync.billing_gap_findings}.
 * Summaries lag behind events, so gaps are read again until they close or {@code settle} passes.
 * Rows billed as invoice items only (bill_as {@code invoice_item}: correction records of usage
 * received after its month closed) are compared with their invoice items alone.
 */
public final class UsageReconciler {

  /** One usage row compared. */
  public record Line(String usageKey, String accountId, String customerId, String metric, LocalDate day,
      long warehouseUnits, long meteredUnits, long invoicedUnits, BigDecimal unitAmount, String currency) {
    public long gap() {
      return warehouseUnits - meteredUnits - invoicedUnits;
    }
  }

  /** The comparison: rows, units metered and billed, and the rows with a gap. */
  public record Result(int rows, long meteredUnits, long billedUnits, List<Line> gaps, int summaryRequests) {
    /** billed / metered in percent, 2 decimals (100.00 when nothing was metered). */
    public BigDecimal captureRatePct() {
      return meteredUnits == 0 ? new BigDecimal("100.00") : BigDecimal.valueOf(billedUnits).multiply(BigDecimal
          .valueOf(100)).divide(BigDecimal.valueOf(meteredUnits), 2, RoundingMode.HALF_UP);
    }
  }

  private final StripeDestination stripe;
  private final Duration settle;
  private final RetryPolicy.Sleeper sleeper;

  public UsageReconciler(StripeDestination stripe, Duration settle, RetryPolicy.Sleeper sleeper) {
    this.stripe = stripe;
    this.settle = settle;
    this.sleeper = sleeper;
  }

  /**
   * @param relation the billing usage model
   * @param states the sync's ledger states by usage key (what it billed as invoice items)
   */
  public Result reconcile(Connection warehouse, String relation, Map<String, UsageState> states, String runId)
      throws SQLException, DestinationException, InterruptedException {
    Map<List<String>, List<Line>> pairs = new LinkedHashMap<>();
    List<Line> itemsOnly = new ArrayList<>();
    String billAs = hasColumn(warehouse, relation, UsageRow.BILL_AS) ? UsageRow.BILL_AS : "'meter'";
    try (Statement s = warehouse.createStatement(); ResultSet rs = s.executeQuery("SELECT usage_key, account_id, "
        + "stripe_customer_id, metric, usage_date, quantity, unit_amount, currency, " + billAs + " FROM " + relation
        + " WHERE stripe_customer_id IS NOT NULL ORDER BY stripe_customer_id, metric, usage_date, usage_key")) {
      while (rs.next()) {
        String metric = rs.getString(4);
        if (stripe.config().meterFor(metric).isEmpty()) {
          continue;
        }
        UsageState st = states.getOrDefault(rs.getString(1), UsageState.EMPTY);
        Line line = new Line(rs.getString(1), rs.getString(2), rs.getString(3), metric,
            rs.getDate(5).toLocalDate(), rs.getLong(6), 0, st.invoiced(), rs.getBigDecimal(7), rs.getString(8));
        if (UsageRow.BillAs.parse(rs.getString(9), line.usageKey()) == UsageRow.BillAs.INVOICE_ITEM) {
          itemsOnly.add(line);
        } else {
          pairs.computeIfAbsent(List.of(line.customerId(), metric), k -> new ArrayList<>()).add(line);
        }
      }
    }
    Instant deadline = Instant.now().plus(settle);
    int requests = 0;
    Map<List<String>, List<Line>> compared = new LinkedHashMap<>();
    Map<List<String>, List<Line>> open = pairs;
    while (true) {
      Map<List<String>, List<Line>> stillOpen = new LinkedHashMap<>();
      for (Map.Entry<List<String>, List<Line>> pair : open.entrySet()) {
        List<Line> lines = read(pair.getKey(), pair.getValue());
        requests++;
        compared.put(pair.getKey(), lines);
        if (lines.stream().anyMatch(l -> l.gap() != 0)) {
          stillOpen.put(pair.getKey(), pair.getValue());
        }
      }
      if (stillOpen.isEmpty() || !Instant.now().isBefore(deadline)) {
        break;
      }
      sleeper.sleep(Duration.ofMillis(Math.min(1_000, Math.max(50, settle.toMillis() / 10))));
      open = stillOpen;
    }
    List<Line> all = new ArrayList<>(compared.values().stream().flatMap(List::stream).toList());
    all.addAll(itemsOnly);
    long metered = all.stream().mapToLong(Line::warehouseUnits).sum();
    long billed = all.stream().mapToLong(l -> l.meteredUnits() + l.invoicedUnits()).sum();
    List<Line> gaps = all.stream().filter(l -> l.gap() != 0).toList();
    store(warehouse, runId, gaps);
    return new Result(all.size(), metered, billed, gaps, requests);
  }

  private static boolean hasColumn(Connection warehouse, String relation, String column) throws SQLException {
    try (Statement s = warehouse.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + relation
        + " WHERE 1 = 0")) {
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        if (rs.getMetaData().getColumnName(i).equalsIgnoreCase(column)) {
          return true;
        }
      }
      return false;
    }
  }

  private List<Line> read(List<String> pair, List<Line> lines) throws DestinationException {
    String customer = pair.get(0);
    String eventName = stripe.config().meterFor(pair.get(1)).orElseThrow();
    StripeApi.Meter meter = Objects.requireNonNull(stripe.meters().get(eventName), eventName);
    LocalDate from = lines.stream().map(Line::day).min(LocalDate::compareTo).orElseThrow();
    LocalDate to = lines.stream().map(Line::day).max(LocalDate::compareTo).orElseThrow().plusDays(1);
    Map<LocalDate, Long> totals = stripe.api().dailyTotals(meter, customer, from, to);
    List<Line> out = new ArrayList<>();
    for (Line l : lines) {
      out.add(new Line(l.usageKey(), l.accountId(), l.customerId(), l.metric(), l.day(), l.warehouseUnits(),
          totals.getOrDefault(l.day(), 0L), l.invoicedUnits(), l.unitAmount(), l.currency()));
    }
    return out;
  }

  private static void store(Connection warehouse, String runId, List<Line> gaps) throws SQLException {
    try (Statement s = warehouse.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS leakproof_sync");
      s.execute("CREATE TABLE IF NOT EXISTS leakproof_sync.stripe_reconciliation (run_id VARCHAR, checked_at TIMESTAMP, "
          + "usage_key VARCHAR, account_id VARCHAR, stripe_customer_id VARCHAR, metric VARCHAR, usage_date DATE, "
          + "warehouse_units BIGINT, stripe_metered_units BIGINT, invoiced_units BIGINT, gap_units BIGINT)");
      s.execute("CREATE TABLE IF NOT EXISTS leakproof_sync.billing_gap_findings (leak_type VARCHAR, kind VARCHAR, "
          + "account_id VARCHAR, contract_id VARCHAR, metric VARCHAR, period_start VARCHAR, period_end VARCHAR, "
          + "amount DECIMAL(18,2), currency VARCHAR, evidence VARCHAR, recommended_action VARCHAR)");
      s.execute("DELETE FROM leakproof_sync.billing_gap_findings");
    }
    Timestamp now = Timestamp.from(Instant.now());
    for (Line l : gaps) {
      try (PreparedStatement ps = warehouse.prepareStatement("INSERT INTO leakproof_sync.stripe_reconciliation "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, runId);
        ps.setTimestamp(2, now);
        ps.setString(3, l.usageKey());
        ps.setString(4, l.accountId());
        ps.setString(5, l.customerId());
        ps.setString(6, l.metric());
        ps.setDate(7, java.sql.Date.valueOf(l.day()));
        ps.setLong(8, l.warehouseUnits());
        ps.setLong(9, l.meteredUnits());
        ps.setLong(10, l.invoicedUnits());
        ps.setLong(11, l.gap());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = warehouse.prepareStatement("INSERT INTO leakproof_sync.billing_gap_findings "
          + "VALUES ('billing_gap', ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)")) {
        BigDecimal amount = l.unitAmount() == null ? BigDecimal.ZERO
            : l.unitAmount().multiply(BigDecimal.valueOf(l.gap())).setScale(2, RoundingMode.HALF_UP);
        String month = l.day().toString().substring(0, 7);
        ps.setString(1, l.gap() > 0 ? "leakage" : "dispute_risk");
        ps.setString(2, l.accountId());
        ps.setString(3, l.metric());
        ps.setString(4, month);
        ps.setString(5, month);
        ps.setBigDecimal(6, amount.abs());
        ps.setString(7, l.currency());
        ps.setString(8, l.warehouseUnits() + " units of " + l.metric() + " metered on " + l.day() + "; Stripe bills "
            + l.meteredUnits() + " through the meter and " + l.invoicedUnits() + " as invoice items ("
            + (l.gap() > 0 ? l.gap() + " unbilled" : -l.gap() + " billed twice") + ")");
        ps.setString(9, l.gap() > 0 ? "Send the missing " + l.gap() + " units (leakproof sync apply stripe_usage)"
            : "Cancel or credit the " + -l.gap() + " units billed twice");
        ps.executeUpdate();
      }
    }
  }
}
