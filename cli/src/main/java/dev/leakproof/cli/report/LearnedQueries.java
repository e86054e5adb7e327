package dev.leakproof.cli.report;

import dev.leakproof.sql.warehouse.MlTables;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The learned signals as the report shows them, read from the tables {@code leakproof ml score}
 * writes ({@link MlTables}): the anomaly findings no rule covers with the drivers of their top
 * month, the flagged contract-months per month, and the accounts of highest leakage risk. Not
 * scored (the section says how to score) when both tables are empty or absent.
 */
final class LearnedQueries {

  /** How many accounts of highest leakage risk are listed. */
  static final int TOP_RISK = 15;

  private final ReportQueries q;

  LearnedQueries(ReportQueries q) {
    this.q = q;
  }

  ReportData.LearnedSignals read() throws SQLException {
    if (!q.exists(MlTables.SCHEMA, "anomaly_scores") || !q.exists(MlTables.SCHEMA, "leakage_risk")
        || !q.exists(MlTables.SCHEMA, "anomaly_findings")
        || count(MlTables.ANOMALY_SCORES) + count(MlTables.LEAKAGE_RISK) == 0) {
      return ReportData.LearnedSignals.NOT_SCORED;
    }
    String names = q.exists("stg_crm__accounts") ? q.t("stg_crm__accounts") : null;
    List<ReportData.Anomaly> anomalies = new ArrayList<>();
    for (Object[] r : q.rows("select f.account_id, " + name(names) + ", f.contract_id, f.period_start_label, "
        + "f.period_end_label, f.max_score, coalesce(top.drivers, f.evidence) from " + MlTables.ANOMALY_FINDINGS
        + " f " + join("f", names) + " left join (select contract_id, drivers, row_number() over (partition by "
        + "contract_id order by score desc, month_start) as score_rank from " + MlTables.ANOMALY_SCORES
        + " where is_anomaly and not coalesce(rule_finding, false)) top on top.contract_id = f.contract_id "
        + "and top.score_rank = 1 order by f.max_score desc nulls last, f.account_id, f.contract_id")) {
      String start = ReportQueries.str(r[3]);
      String end = ReportQueries.str(r[4]);
      anomalies.add(new ReportData.Anomaly(ReportQueries.str(r[0]), ReportQueries.str(r[1]), ReportQueries.str(r[2]),
          end == null || end.equals(start) ? start : start + ".." + end, decimal(r[5], 1), ReportQueries.str(r[6])));
    }
    List<ReportData.Count> byMonth = new ArrayList<>();
    for (Object[] r : q.rows("select strftime(month_start, '%Y-%m'), case when coalesce(rule_finding, false) then "
        + "'a rule finding covers it' else 'no rule finding' end, count(*) from " + MlTables.ANOMALY_SCORES
        + " where is_anomaly group by 1, 2 order by 1, 2 desc")) {
      byMonth.add(new ReportData.Count(ReportQueries.str(r[0]), ReportQueries.str(r[1]), ((Number) r[2]).longValue()));
    }
    List<ReportData.Risk> risks = new ArrayList<>();
    for (Object[] r : q.rows("select l.account_id, " + name(names) + ", l.probability, l.risk_band, "
        + "l.last_quarter_findings, l.drivers from " + MlTables.LEAKAGE_RISK + " l " + join("l", names)
        + " order by l.probability desc nulls last, l.account_id limit " + TOP_RISK)) {
      risks.add(new ReportData.Risk(ReportQueries.str(r[0]), ReportQueries.str(r[1]),
          r[2] == null ? null : decimal(((Number) r[2]).doubleValue() * 100, 1), ReportQueries.str(r[3]),
          r[4] == null ? 0 : ((Number) r[4]).intValue(), ReportQueries.str(r[5])));
    }
    List<ReportData.Count> byBand = new ArrayList<>();
    for (Object[] r : q.rows("select risk_band, count(*) from " + MlTables.LEAKAGE_RISK + " group by 1 order by "
        + "case risk_band when 'high' then 0 when 'medium' then 1 else 2 end")) {
      byBand.add(new ReportData.Count("accounts", ReportQueries.str(r[0]), ((Number) r[1]).longValue()));
    }
    List<String> models = new ArrayList<>();
    for (Object[] r : q.rows("select distinct model_id from (select model_id from " + MlTables.ANOMALY_SCORES
        + " union all select model_id from " + MlTables.LEAKAGE_RISK + ") m where model_id is not null order by 1")) {
      models.add(ReportQueries.str(r[0]));
    }
    return new ReportData.LearnedSignals(true, models, count(MlTables.ANOMALY_SCORES), anomalies, byMonth,
        count(MlTables.LEAKAGE_RISK), risks, byBand);
  }

  private long count(String table) throws SQLException {
    return ((Number) q.rows("select count(*) from " + table).get(0)[0]).longValue();
  }

  private static String name(String names) {
    return names == null ? "cast(null as varchar)" : "a.account_name";
  }

  private static String join(String alias, String names) {
    return names == null ? "" : "left join " + names + " a on a.account_id = " + alias + ".account_id";
  }

  private static BigDecimal decimal(Object value, int scale) {
    return value == null ? null : BigDecimal.valueOf(((Number) value).doubleValue()).setScale(scale,
        RoundingMode.HALF_UP);
  }
}
