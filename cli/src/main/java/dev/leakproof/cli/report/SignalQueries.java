package dev.leakproof.cli.report;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The usage signals as the report shows them: threshold events per billing month and level, the
 * latest ones, and the metering lag per hour the stream recorded. Null when the warehouse was
 * built before the models existed.
 */
final class SignalQueries {

  private static final int RECENT = 15;
  private static final int LAG_HOURS = 24;

  private final ReportQueries q;

  SignalQueries(ReportQueries q) {
    this.q = q;
  }

  ReportData.UsageSignals read() throws SQLException {
    if (!q.exists("usage_thresholds")) {
      return null;
    }
    List<ReportData.Count> byMonth = new ArrayList<>();
    for (Object[] r : q.rows("select month_label, case when level_pct > 100 then 'past 100%' else "
        + "cast(level_pct as varchar) || '%' end as band, count(*) from " + q.t("usage_thresholds")
        + " group by 1, 2 order by 1, min(level_pct)")) {
      byMonth.add(new ReportData.Count(ReportQueries.str(r[0]), ReportQueries.str(r[1]), ((Number) r[2]).longValue()));
    }
    List<ReportData.Threshold> recent = new ArrayList<>();
    for (Object[] r : q.rows("select account_id, account_name, metric, month_label, level_pct, usage_quantity, "
        + "included_units, cast(detected_at as varchar), csm_email from " + q.t("usage_thresholds")
        + " order by detected_at desc, level_pct desc, account_id, metric limit " + RECENT)) {
      recent.add(new ReportData.Threshold(ReportQueries.str(r[0]), ReportQueries.str(r[1]), ReportQueries.str(r[2]),
          ReportQueries.str(r[3]), ((Number) r[4]).intValue(), ((BigDecimal) r[5]).stripTrailingZeros().toPlainString(),
          ((BigDecimal) r[6]).stripTrailingZeros().toPlainString(), ReportQueries.str(r[7]), ReportQueries.str(r[8])));
    }
    long total = ((Number) q.rows("select count(*) from " + q.t("usage_thresholds")).get(0)[0]).longValue();
    List<ReportData.LagHour> lag = new ArrayList<>();
    if (q.exists("stg_product__metering_lag")) {
      for (Object[] r : q.rows("select cast(commit_hour as varchar), event_stream, event_source, events, p50_ms, p95_ms, "
          + "p99_ms, max_ms from " + q.t("stg_product__metering_lag") + " order by commit_hour desc, event_stream, "
          + "event_source limit " + LAG_HOURS)) {
        lag.add(new ReportData.LagHour(ReportQueries.str(r[0]), ReportQueries.str(r[1]), ReportQueries.str(r[2]),
            ((Number) r[3]).longValue(), ((Number) r[4]).longValue(), ((Number) r[5]).longValue(),
            ((Number) r[6]).longValue(), ((Number) r[7]).longValue()));
      }
    }
    return new ReportData.UsageSignals(total, byMonth, recent, lag);
  }
}
