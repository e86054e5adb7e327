package dev.leakproof.cli.alerts;

import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.lake.LakeTable;
import dev.leakproof.pipelines.thresholds.ThresholdCrossing;
import dev.leakproof.sql.warehouse.LakeTableLoader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The threshold events the lake holds (its usage_thresholds table, read through Iceberg's scan
 * planning: only committed files), read with an in-memory DuckDB so no warehouse is held while
 * they are polled.
 */
public final class ThresholdAlerts {

  /** One threshold event as notified. */
  public record Alert(String key, String accountId, String accountName, String csmEmail, String metric, LocalDate month,
      int levelPct, BigDecimal usage, BigDecimal included, String planId, BigDecimal overagePrice, String currency,
      String eventId, Instant receivedAt, Instant collectedAt, Instant detectedAt) {

    public AlertsSendCommand.Notice notice() {
      return new AlertsSendCommand.Notice(key, text(), csmEmail);
    }

    String text() {
      String who = accountName == null ? accountId : accountName + " (" + accountId + ")";
      String over = usage.compareTo(included) > 0 && overagePrice != null
          ? String.format(Locale.ROOT, " %s units over the plan: %s %s of overage so far at %s a unit.",
              units(usage.subtract(included)), currency == null ? "" : currency.toUpperCase(Locale.ROOT),
              usage.subtract(included).multiply(overagePrice).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(),
              overagePrice.stripTrailingZeros().toPlainString())
          : "";
      return String.format(Locale.ROOT, "%s *Usage threshold %d%%*: %s used %s of %s %s included in %s (plan %s).%s"
          + " CSM: %s.", levelPct >= 100 ? ":rotating_light:" : ":chart_with_upwards_trend:", levelPct, who,
          units(usage), units(included), metric, month.toString().substring(0, 7), planId, over,
          csmEmail == null ? "none on record" : csmEmail);
    }

    private static String units(BigDecimal v) {
      return new java.text.DecimalFormat("#,##0.##", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT))
          .format(v);
    }
  }

  private final Lake lake;

  public ThresholdAlerts(Lake lake) {
    this.lake = lake;
  }

  /** The current snapshot id of the table (null when it has none yet), to poll cheaply. */
  public Long snapshotId() {
    var catalog = lake.catalogLoader().loadCatalog();
    if (!catalog.tableExists(LakeTable.USAGE_THRESHOLDS.identifier())) {
      return null; // a lake no job has written thresholds to yet
    }
    var snapshot = catalog.loadTable(LakeTable.USAGE_THRESHOLDS.identifier()).currentSnapshot();
    return snapshot == null ? null : snapshot.snapshotId();
  }

  /** Every threshold event in the lake, oldest detection first. */
  public List<Alert> all() throws SQLException {
    if (snapshotId() == null) {
      return List.of();
    }
    return read(lake.dataFiles(LakeTable.USAGE_THRESHOLDS));
  }

  /** Threshold events and the snapshot they were read up to. */
  public record Batch(List<Alert> alerts, Long snapshotId) {}

  /**
   * The threshold events the commits after {@code afterSnapshotId} brought (all when null), read
   * from those commits' files only; all of them again when that snapshot left the history.
   */
  public Batch since(Long afterSnapshotId) throws SQLException {
    Long now = snapshotId();
    if (now == null || now.equals(afterSnapshotId)) {
      return new Batch(List.of(), now);
    }
    List<dev.leakproof.pipelines.lake.LakeSnapshots.Appended> commits;
    try {
      commits = new dev.leakproof.pipelines.lake.LakeSnapshots(lake).appendedAfter(LakeTable.USAGE_THRESHOLDS,
          afterSnapshotId, null);
    } catch (IllegalStateException expired) {
      return new Batch(all(), now);
    }
    List<String> files = new ArrayList<>();
    Long last = afterSnapshotId;
    for (var c : commits) {
      files.addAll(c.files());
      last = c.snapshotId();
    }
    return new Batch(read(lake.readablePaths(LakeTable.USAGE_THRESHOLDS, files)), last == null ? now : last);
  }

  private List<Alert> read(List<String> files) throws SQLException {
    List<Alert> out = new ArrayList<>();
    if (files.isEmpty()) {
      return out;
    }
    try (Connection db = parquetReader(); Statement s = db.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT account_id, account_name, csm_email, metric, usage_month, level_pct, "
          + "usage_quantity, included_units, plan_id, overage_unit_price, currency, event_id, "
          + "epoch_us(received_at), epoch_us(collected_at), epoch_us(detected_at) FROM read_parquet("
          + LakeTableLoader.fileList(files) + ") ORDER BY detected_at, level_pct")) {
        while (rs.next()) {
          LocalDate month = rs.getObject(5, LocalDate.class);
          String key = ThresholdCrossing.key(rs.getString(1), rs.getString(4), month, rs.getInt(6));
          out.add(new Alert(key, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), month,
              rs.getInt(6), rs.getBigDecimal(7).stripTrailingZeros(), rs.getBigDecimal(8).stripTrailingZeros(),
              rs.getString(9), rs.getBigDecimal(10), rs.getString(11), rs.getString(12), instant(rs, 13),
              instant(rs, 14), instant(rs, 15)));
        }
      }
    }
    return out;
  }

  /** An hour whose metering lag p99 went over the bound. */
  record LagAlert(String key, Instant hour, String stream, String source, long events, long p50Ms, long p99Ms,
      long maxMs) {

    AlertsSendCommand.Notice notice(java.time.Duration bound) {
      return new AlertsSendCommand.Notice(key, text(bound), null);
    }

    String text(java.time.Duration bound) {
      return String.format(Locale.ROOT, ":hourglass: *Metering lag over %s*: %s events from %s committed in the hour "
          + "from %s UTC took p99 %.1f s (p50 %.1f s, max %.1f s, %,d events) from received to the lake.",
          bound, stream, source, hour.toString().replace('T', ' ').substring(0, 16), p99Ms / 1000.0, p50Ms / 1000.0,
          maxMs / 1000.0, events);
    }
  }

  /** The recorded hours of the lake's metering_lag table whose p99 is over {@code boundMillis}. */
  List<LagAlert> lagOver(long boundMillis) throws SQLException {
    if (!lake.catalogLoader().loadCatalog().tableExists(LakeTable.METERING_LAG.identifier())) {
      return List.of();
    }
    List<String> files = lake.dataFiles(LakeTable.METERING_LAG);
    List<LagAlert> out = new ArrayList<>();
    if (files.isEmpty()) {
      return out;
    }
    try (Connection db = parquetReader(); Statement s = db.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT epoch_us(commit_hour), event_stream, source, events, p50_ms, p99_ms, "
          + "max_ms FROM read_parquet(" + LakeTableLoader.fileList(files) + ") WHERE p99_ms > " + boundMillis
          + " ORDER BY commit_hour")) {
        while (rs.next()) {
          Instant hour = instant(rs, 1);
          out.add(new LagAlert(hour + "|" + rs.getString(2) + "|" + rs.getString(3), hour, rs.getString(2),
              rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)));
        }
      }
    }
    return out;
  }

  /** An in-memory DuckDB in UTC to read the lake's Parquet files with: no warehouse is held. */
  private static Connection parquetReader() throws SQLException {
    Connection db = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = db.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
    } catch (SQLException e) {
      db.close();
      throw e;
    }
    return db;
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long micros = rs.getLong(column);
    return rs.wasNull() ? null : Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS);
  }
}
