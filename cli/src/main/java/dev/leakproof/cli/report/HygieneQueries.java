package dev.leakproof.cli.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The ingestion's hygiene as the report shows it: capture per stream, quarantined lines by reason,
 * CSV rows rejected by file and code, late events (received more than a day after they occurred,
 * or, where received_at is absent, arriving after events a day newer), the metering lag, and the
 * usage received after its month closed per month (late_usage_corrections).
 */
final class HygieneQueries {

  private final ReportQueries q;

  HygieneQueries(ReportQueries q) {
    this.q = q;
  }

  ReportData.Hygiene read() throws SQLException {
    List<ReportData.StreamCapture> streams = new ArrayList<>();
    for (Object[] r : q.rows("select event_stream, lines_read, accepted, duplicates, quarantined from "
        + q.t("event_capture") + " order by event_stream desc")) {
      long accepted = ((Number) r[2]).longValue();
      long quarantined = ((Number) r[4]).longValue();
      BigDecimal rate = accepted + quarantined == 0 ? BigDecimal.valueOf(100).setScale(4)
          : BigDecimal.valueOf(accepted).multiply(BigDecimal.valueOf(100))
              .divide(BigDecimal.valueOf(accepted + quarantined), 4, RoundingMode.HALF_UP);
      streams.add(new ReportData.StreamCapture(ReportQueries.str(r[0]), ((Number) r[1]).longValue(), accepted,
          ((Number) r[3]).longValue(), quarantined, rate));
    }
    List<ReportData.Count> reasons = counts("select event_stream, reason, lines from "
        + q.t("event_quarantine_by_reason") + " order by lines desc, event_stream, reason");
    List<ReportData.Count> rejected = counts("select source_file, code, count(*) from "
        + q.t("stg_loader__source_rejections") + " group by 1, 2 order by 3 desc, 1, 2");
    List<ReportData.Count> late = new ArrayList<>();
    late.add(new ReportData.Count("usage", "late", late("stg_product__usage_events")));
    late.add(new ReportData.Count("seats", "late", late("stg_product__seat_events")));
    return new ReportData.Hygiene(streams, reasons, rejected, late, lag(), lateUsage());
  }

  /** Late lines, delta units, billed units and amount per usage month, metric and currency. */
  private List<ReportData.LateMonth> lateUsage() throws SQLException {
    List<ReportData.LateMonth> out = new ArrayList<>();
    if (!q.exists("late_usage_corrections")) {
      return out;
    }
    for (Object[] r : q.rows("select usage_month_label, metric, currency, sum(late_line_count), sum(delta_quantity), "
        + "coalesce(sum(billable_units), 0), coalesce(sum(late_amount), 0) from " + q.t("late_usage_corrections")
        + " group by 1, 2, 3 order by 1, 2, 3")) {
      out.add(new ReportData.LateMonth(ReportQueries.str(r[0]), ReportQueries.str(r[1]), ReportQueries.str(r[2]),
          ((Number) r[3]).longValue(), ((BigDecimal) r[4]).stripTrailingZeros(), ((Number) r[5]).longValue(),
          ((BigDecimal) r[6]).setScale(2, RoundingMode.UNNECESSARY)));
    }
    return out;
  }

  private List<ReportData.Count> counts(String sql) throws SQLException {
    List<ReportData.Count> out = new ArrayList<>();
    for (Object[] r : q.rows(sql)) {
      out.add(new ReportData.Count(ReportQueries.str(r[0]), ReportQueries.str(r[1]), ((Number) r[2]).longValue()));
    }
    return out;
  }

  private long late(String relation) throws SQLException {
    Object n = q.rows("select count(*) from (select occurred_at, received_at, max(occurred_at) over (order by "
        + "arrival_seq rows between unbounded preceding and 1 preceding) as newest_before from "
        + q.t(relation) + ") e where case when received_at is not null then received_at > occurred_at + interval 1 day "
        + "else newest_before > occurred_at + interval 1 day end").get(0)[0];
    return ((Number) n).longValue();
  }

  private ReportData.Lag lag() throws SQLException {
    Object[] r = q.rows("select count(received_at), count(*), quantile_disc(date_diff('second', occurred_at, "
        + "received_at), 0.5), quantile_disc(date_diff('second', occurred_at, received_at), 0.95), "
        + "max(date_diff('second', occurred_at, received_at)) from " + q.t("stg_product__usage_events")).get(0);
    long known = ((Number) r[0]).longValue();
    if (known == 0) {
      return null;
    }
    return new ReportData.Lag(known, ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
        ((Number) r[3]).longValue(), ((Number) r[4]).longValue());
  }
}
