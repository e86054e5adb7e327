package dev.leakproof.cli.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the report's data from an audited DuckDB warehouse: the findings and the marts
 * {@code contract_status}, {@code renewal_pipeline}, {@code crm_account_fields} and
 * {@code invoice_error_rate}, the leakage per month, the seats and usage of flagged accounts, and
 * the hygiene counts of the ingestion, and the learned models' signals (schema {@code ml}).
 */
public final class ReportQueries {

  /** How many flagged accounts get their trends drawn; the rest are counted. */
  static final int FLAGGED_SHOWN = 200;
  private static final int MONTHS = 12;
  private static final int WEEKS = 12;

  private final Connection db;
  private final String schema;

  public ReportQueries(Connection db, String schema) {
    this.db = db;
    this.schema = schema;
  }

  /** The audit date the marts were built for (crm_account_fields.data_as_of). */
  public LocalDate asOf() throws SQLException {
    List<Object[]> rows = rows("select cast(max(data_as_of) as date) from " + t("crm_account_fields"));
    if (rows.isEmpty() || rows.get(0)[0] == null) {
      throw new IllegalStateException("Cannot report: " + t("crm_account_fields") + " is empty; run the audit first");
    }
    return LocalDate.parse(rows.get(0)[0].toString());
  }

  /** The report as of the marts' audit date. */
  public ReportData read(String source, Clock clock) throws SQLException {
    LocalDate asOf = asOf();
    execute("create or replace temp table " + FLAGGED + " as " + flaggedAccounts());
    try {
      return new ReportData(asOf, clock.instant(), source, findings(), leakageByMonth(), renewals(),
          flagged(asOf), flaggedTotal(), contracts(), new HygieneQueries(this).read(),
          new InvoiceErrorQueries(this).read(), new SignalQueries(this).read(),
          new LearnedQueries(this).read());
    } finally {
      execute("drop table if exists " + FLAGGED);
    }
  }

  private List<ReportData.Finding> findings() throws SQLException {
    List<ReportData.Finding> out = new ArrayList<>();
    for (Object[] r : rows("select f.leak_type, f.kind, f.account_id, a.account_name, f.contract_id, f.metric, "
        + "f.period_start_label, f.period_end_label, f.amount, f.currency, f.evidence, f.recommended_action, "
        + "coalesce(cs.status, (select case max(case s.status when 'escalate' then 3 when 'flag' then 2 else 1 end) "
        + "when 3 then 'escalate' when 2 then 'flag' else 'clean' end from " + t("contract_status")
        + " s where s.account_id = f.account_id)) "
        + "from " + t("leak_findings") + " f left join " + t("stg_crm__accounts") + " a on a.account_id = f.account_id "
        + "left join " + t("contract_status") + " cs on cs.contract_id = f.contract_id "
        + "order by f.amount desc, f.leak_type, f.account_id, f.contract_id nulls first, f.metric nulls first")) {
      out.add(new ReportData.Finding(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]), str(r[6]),
          str(r[7]), money(r[8]), str(r[9]), str(r[10]), str(r[11]), str(r[12])));
    }
    return out;
  }

  private List<ReportData.MonthAmount> leakageByMonth() throws SQLException {
    List<ReportData.MonthAmount> out = new ArrayList<>();
    for (Object[] r : rows("select m.month_label, m.leak_type, m.currency, sum(m.amount) from " + t("int_leak_months")
        + " m where m.leak_type in (select leak_type from " + t("leak_findings") + " where kind = 'leakage') "
        + "group by 1, 2, 3 order by 1, 2, 3")) {
      out.add(new ReportData.MonthAmount(str(r[0]), str(r[1]), str(r[2]), money(r[3])));
    }
    return out;
  }

  private List<ReportData.Renewal> renewals() throws SQLException {
    List<ReportData.Renewal> out = new ArrayList<>();
    for (Object[] r : rows("select contract_id, account_id, account_name, csm_email, currency, renewal_date, "
        + "days_to_renewal, lane, renewal_amount, uplift_amount, at_risk, at_risk_amount, risk_reasons from "
        + t("renewal_pipeline") + " order by days_to_renewal, contract_id")) {
      out.add(new ReportData.Renewal(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]),
          r[5].toString(), ((Number) r[6]).longValue(), str(r[7]), money(r[8]), money(r[9]),
          Boolean.TRUE.equals(r[10]), money(r[11]), str(r[12])));
    }
    return out;
  }

  private List<ReportData.ContractStatus> contracts() throws SQLException {
    List<ReportData.ContractStatus> out = new ArrayList<>();
    for (Object[] r : rows("select contract_id, account_id, account_name, owner, currency, status, status_reason, "
        + "findings, leakage_amount, risk_amount from " + t("contract_status")
        + " order by case status when 'escalate' then 0 when 'flag' then 1 else 2 end, leakage_amount desc, "
        + "contract_id")) {
      out.add(new ReportData.ContractStatus(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]),
          str(r[6]), ((Number) r[7]).longValue(), money(r[8]), money(r[9])));
    }
    return out;
  }

  /** The flagged accounts, selected once per report (a temporary table of this connection). */
  private static final String FLAGGED = "leakproof_report_flagged";

  /** Accounts with a flagged or escalated contract, an expansion signal or a high renewal risk. */
  private String flaggedAccounts() {
    return "select f.account_id, f.account_name, f.seats_active, f.seats_licensed, f.seat_utilisation_pct, "
        + "f.usage_trend_pct, f.expansion_signal, f.renewal_risk, f.open_leakage, "
        + "coalesce(s.status, 'clean') as status, s.currency, "
        + "case coalesce(s.status, 'clean') when 'escalate' then 0 when 'flag' then 1 else 2 end as severity "
        + "from " + t("crm_account_fields") + " f left join (select account_id, max(currency) as currency, "
        + "case max(case status when 'escalate' then 3 when 'flag' then 2 else 1 end) when 3 then 'escalate' "
        + "when 2 then 'flag' else 'clean' end as status from " + t("contract_status") + " group by account_id) s "
        + "on s.account_id = f.account_id "
        + "where coalesce(s.status, 'clean') <> 'clean' or f.expansion_signal <> 'none' or f.renewal_risk = 'high'";
  }

  private int flaggedTotal() throws SQLException {
    return ((Number) rows("select count(*) from " + FLAGGED).get(0)[0]).intValue();
  }

  private List<ReportData.AccountTrend> flagged(LocalDate asOf) throws SQLException {
    List<Object[]> accounts = rows("select * from " + FLAGGED + " order by severity, "
        + "open_leakage desc, account_id limit " + FLAGGED_SHOWN);
    LocalDate firstMonth = asOf.withDayOfMonth(1).minusMonths(MONTHS - 1);
    List<String> months = new ArrayList<>();
    for (int i = 0; i < MONTHS; i++) {
      months.add(firstMonth.plusMonths(i).toString().substring(0, 7));
    }
    Map<String, long[]> seats = new LinkedHashMap<>();
    for (Object[] r : rows("select s.account_id, s.month_start, s.seats_used from " + t("int_account_seats_monthly")
        + " s where s.account_id in (select account_id from " + FLAGGED + ") and s.month_start >= date '"
        + firstMonth + "' and s.month_start <= date '" + asOf + "'")) {
      int i = months.indexOf(r[1].toString().substring(0, 7));
      if (i >= 0) {
        seats.computeIfAbsent(str(r[0]), k -> new long[MONTHS])[i] = ((Number) r[2]).longValue();
      }
    }
    Map<String, String> metric = new LinkedHashMap<>();
    Map<String, BigDecimal[]> weekly = new LinkedHashMap<>();
    LocalDate firstDay = asOf.minusDays(WEEKS * 7L - 1);
    for (Object[] r : rows("with main as (select account_id, metric from (select account_id, metric, row_number() "
        + "over (partition by account_id order by sum(quantity) desc, metric) as rk from " + t("daily_usage")
        + " where usage_date >= date '" + firstDay + "' and usage_date <= date '" + asOf + "' group by 1, 2) m "
        + "where rk = 1) select u.account_id, main.metric, cast(floor(date_diff('day', date '" + firstDay + "', "
        + "u.usage_date) / 7) as integer) as week, sum(u.quantity) from " + t("daily_usage") + " u inner join main on "
        + "main.account_id = u.account_id and main.metric = u.metric where u.usage_date >= date '" + firstDay
        + "' and u.usage_date <= date '" + asOf + "' and u.account_id in (select account_id from "
        + FLAGGED + ") group by 1, 2, 3")) {
      String account = str(r[0]);
      metric.put(account, str(r[1]));
      BigDecimal[] weeks = weekly.computeIfAbsent(account, k -> zeros());
      weeks[((Number) r[2]).intValue()] = ((BigDecimal) r[3]).setScale(2, RoundingMode.HALF_UP);
    }
    List<ReportData.AccountTrend> out = new ArrayList<>();
    for (Object[] r : accounts) {
      String id = str(r[0]);
      long[] s = seats.getOrDefault(id, new long[MONTHS]);
      List<Long> seatList = new ArrayList<>();
      for (long v : s) {
        seatList.add(v);
      }
      out.add(new ReportData.AccountTrend(id, str(r[1]), str(r[9]), str(r[6]), str(r[7]), ((Number) r[2]).longValue(),
          ((Number) r[3]).longValue(), (BigDecimal) r[4], metric.get(id), (BigDecimal) r[5], months, seatList,
          List.of(weekly.getOrDefault(id, zeros())), money(r[8]), str(r[10])));
    }
    return out;
  }

  private static BigDecimal[] zeros() {
    BigDecimal[] weeks = new BigDecimal[WEEKS];
    java.util.Arrays.fill(weeks, BigDecimal.ZERO);
    return weeks;
  }

  /** Whether the relation is in the report's schema: a warehouse built by an earlier version may lack a mart. */
  boolean exists(String relation) throws SQLException {
    return exists(schema, relation);
  }

  /** Whether a table or view of that name is in that schema (the ml tables are in their own). */
  boolean exists(String inSchema, String relation) throws SQLException {
    return ((Number) rows("select count(*) from information_schema.tables where table_schema = '"
        + inSchema.replace("'", "''") + "' and table_name = '" + relation.replace("'", "''") + "'").get(0)[0])
        .longValue() > 0;
  }

  String t(String relation) {
    return schema + "." + relation;
  }

  private void execute(String sql) throws SQLException {
    try (java.sql.Statement s = db.createStatement()) {
      s.execute(sql);
    }
  }

  List<Object[]> rows(String sql) throws SQLException {
    List<Object[]> out = new ArrayList<>();
    try (PreparedStatement s = db.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) {
          row[i] = rs.getObject(i + 1);
        }
        out.add(row);
      }
    }
    return out;
  }

  static String str(Object o) {
    return o == null ? null : o.toString();
  }

  static BigDecimal money(Object o) {
    return o == null ? BigDecimal.ZERO.setScale(2) : new BigDecimal(o.toString()).setScale(2, RoundingMode.HALF_UP);
  }
}
