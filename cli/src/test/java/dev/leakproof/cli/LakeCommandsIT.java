package dev.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.cli.CliTestSupport.Out;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lasting lake fed by daily ingestion runs, as the daily DAG runs them: each day's run reads
 * only its new file and appends to the lake, the warehouse loads only the new commits, the two
 * days together give the audit's outputs, {@code lake_as_of} reads the lake as it was after the
 * first day, and the lake commands show the history, read an earlier state back and keep it tidy.
 */
class LakeCommandsIT {

  @TempDir
  Path tmp;

  @Test
  void dailyRunsAppendAndTheWarehouseFollowsCommitByCommit() throws Exception {
    Path data = CliTestSupport.copySample(tmp.resolve("data"));
    Files.move(data.resolve("usage_events_001.jsonl"), data.resolve("usage_events_2026-06-14.jsonl"));
    Files.move(data.resolve("usage_events_002.jsonl"), data.resolve("usage_events_2026-06-15.jsonl"));
    Path work = tmp.resolve("work");
    Path warehouse = work.resolve("warehouse.duckdb");
    Map<String, String> env = Map.of("LEAKPROOF_WAREHOUSE", warehouse.toString());

    Out day1 = process(env, "ingest", "--dataset", data.toString(), "--as-of", "2026-06-14", "--work-dir",
        work.toString());
    assertThat(day1.code()).as(day1.stdout() + day1.stderr()).isZero();
    assertThat(day1.stdout()).contains("ingestion run 1: 9,723 event lines");
    long afterDay1;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse); Statement st = c.createStatement()) {
      afterDay1 = single(st, "SELECT max(_lake_committed_at) FROM raw.usage_events");
    }
    Thread.sleep(1100);

    Out day2 = process(env, "ingest", "--dataset", data.toString(), "--as-of", "2026-06-15", "--work-dir",
        work.toString());
    assertThat(day2.code()).as(day2.stdout() + day2.stderr()).isZero();
    assertThat(day2.stdout()).contains("ingestion run 2: 6,683 event lines");
    Out again = process(env, "ingest", "--dataset", data.toString(), "--as-of", "2026-06-15", "--work-dir",
        work.toString());
    assertThat(again.stdout()).contains("no event file new since the last ingestion run");

    assertThat(process(env, "models", "build", "--vars", "{as_of: 2026-06-15}").code()).isZero();
    Out export = process(env, "export", "--warehouse", warehouse.toString(), "--out", tmp.resolve("out").toString());
    assertThat(export.code()).as(export.stderr()).isZero();
    Out audit = process(Map.of(), "audit", "--dataset", CliTestSupport.SAMPLE.toString(), "--as-of", "2026-06-15",
        "--out", tmp.resolve("audit").toString(), "--quiet");
    assertThat(audit.code()).as(audit.stderr()).isZero();
    assertThat(tmp.resolve("out/findings.csv")).hasSameTextualContentAs(tmp.resolve("audit/findings.csv"));
    assertThat(CliTestSupport.readCsv(tmp.resolve("out/quarantine.csv"))).hasSameSizeAs(
        CliTestSupport.readCsv(tmp.resolve("audit/quarantine.csv")));

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse); Statement st = c.createStatement()) {
      assertThat(single(st, "SELECT count(*) FROM raw.usage_events")).isEqualTo(13_169);
      // appended commit by commit: two runs' commits, the second never re-read the first
      assertThat(single(st, "SELECT count(DISTINCT _lake_snapshot_id) FROM raw.usage_events")).isGreaterThan(1);
      assertThat(single(st, "SELECT rows_loaded FROM raw._lake_position WHERE table_name = 'usage_events'"))
          .isEqualTo(13_169);
    }

    // the lake as it was after the first day
    String dayOneEnd = java.time.Instant.ofEpochMilli(afterDay1 / 1000).toString();
    assertThat(process(env, "models", "run", "--select", "stg_product__usage_events", "--vars",
        "{as_of: 2026-06-15, lake_as_of: '" + dayOneEnd + "'}").code()).isZero();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse); Statement st = c.createStatement()) {
      long dayOneRows = single(st, "SELECT count(*) FROM raw.usage_events WHERE _lake_committed_at <= TIMESTAMP '"
          + dayOneEnd.replace("T", " ").replace("Z", "") + "'");
      assertThat(dayOneRows).isBetween(6_000L, 7_000L);
      assertThat(single(st, "SELECT count(*) FROM main.stg_product__usage_events")).isEqualTo(dayOneRows);
    }

    Out history = process(Map.of(), "lake", "history", "--work-dir", work.toString(), "--table", "usage_events");
    assertThat(history.code()).isZero();
    assertThat(history.stdout()).contains("usage_events: ").contains("append");
    Out read = process(Map.of(), "lake", "read", "--work-dir", work.toString(), "--table", "usage_events", "--as-of",
        dayOneEnd, "--out", tmp.resolve("day1.csv").toString());
    assertThat(read.code()).as(read.stderr()).isZero();
    List<Map<String, String>> day1Rows = CliTestSupport.readCsv(tmp.resolve("day1.csv"));
    assertThat(day1Rows).allMatch(r -> r.get("source_file").equals("usage_events_2026-06-14.jsonl"));
    Out maintain = process(Map.of(), "lake", "maintain", "--work-dir", work.toString(), "--compact",
        "--expire-older-than", "0s", "--retain-last", "1");
    assertThat(maintain.code()).as(maintain.stdout() + maintain.stderr()).isZero();
    assertThat(maintain.stdout()).contains("usage_events      compacted");
    Out load = process(env, "lake", "load", "--work-dir", work.toString());
    assertThat(load.stdout()).contains("usage_events      0 rows from 0 commits");
  }

  private static long single(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      Object v = rs.getObject(1);
      if (v instanceof java.sql.Timestamp t) {
        return t.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC).toEpochMilli() * 1000;
      }
      if (v instanceof java.time.LocalDateTime t) {
        return t.toInstant(java.time.ZoneOffset.UTC).toEpochMilli() * 1000;
      }
      return ((Number) v).longValue();
    }
  }

  private Out process(Map<String, String> env, String... args) throws Exception {
    return CliTestSupport.process(tmp, env, 300, args);
  }
}
