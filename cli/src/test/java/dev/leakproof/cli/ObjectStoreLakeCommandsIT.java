package dev.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.cli.CliTestSupport.Out;
import dev.leakproof.pipelines.servers.RestCatalogServer;
import dev.leakproof.pipelines.servers.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI on a lake on object storage behind a shared catalog, configured only by the
 * environment ({@code LEAKPROOF_LAKE_*}, {@code LEAKPROOF_S3_*}, the AWS keys): {@code ingest}
 * writes the lake through the REST catalog onto S3 and loads the warehouse from it (DuckDB reads
 * local copies of the data files), giving the same raw tables as the same command on a folder
 * lake, and after {@code models build} the sample's findings (what the folder lake gives, see
 * SampleAuditIT and LakeCommandsIT); {@code lake history} and {@code lake load} read it too.
 */
class ObjectStoreLakeCommandsIT {

  static final String ACCESS_KEY = "leakproof-cli-it";
  static final String SECRET_KEY = "cli-secret-" + java.util.UUID.randomUUID();
  static final String BUCKET = "leakproof-lake";
  static final List<String> RAW_TABLES = List.of("usage_events", "seat_events", "event_quarantine", "event_duplicates");

  @TempDir Path tmp;
  S3ProxyServer s3;
  RestCatalogServer catalog;

  @BeforeEach
  void startServers() throws Exception {
    s3 = new S3ProxyServer(tmp.resolve("s3"), ACCESS_KEY, SECRET_KEY);
    s3.start(Duration.ofSeconds(60));
    s3.createBucket(BUCKET);
    catalog = new RestCatalogServer(tmp.resolve("catalog"), s3.endpoint(), "s3://" + BUCKET + "/warehouse",
        ACCESS_KEY, SECRET_KEY);
    catalog.start(Duration.ofSeconds(60));
  }

  @AfterEach
  void stopServers() throws Exception {
    if (catalog != null) {
      catalog.stop();
    }
    if (s3 != null) {
      s3.stop();
    }
  }

  @Test
  void theWarehouseBuildsFromTheLakeOnS3AsFromAFolderLake() throws Exception {
    Path folderWork = tmp.resolve("work-folder");
    Path s3Work = tmp.resolve("work-s3");
    Map<String, String> onFolder = Map.of("LEAKPROOF_WAREHOUSE", folderWork.resolve("warehouse.duckdb").toString());
    Map<String, String> onS3 = new HashMap<>();
    onS3.put("LEAKPROOF_WAREHOUSE", s3Work.resolve("warehouse.duckdb").toString());
    onS3.put("LEAKPROOF_LAKE_CATALOG", "rest");
    onS3.put("LEAKPROOF_LAKE_URI", catalog.uri().toString());
    onS3.put("LEAKPROOF_S3_ENDPOINT", s3.endpoint().toString());
    onS3.put("LEAKPROOF_S3_PATH_STYLE", "true");
    onS3.put("LEAKPROOF_S3_REGION", "us-east-1");
    onS3.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
    onS3.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    // S3Proxy 2.6 cannot verify the checksum trailers the AWS SDK sends by default
    onS3.put("AWS_REQUEST_CHECKSUM_CALCULATION", "WHEN_REQUIRED");

    for (Map.Entry<Path, Map<String, String>> run : List.of(Map.entry(folderWork, onFolder), Map.entry(s3Work, onS3))) {
      Out ingest = process(run.getValue(), "ingest", "--dataset", CliTestSupport.SAMPLE.toString(), "--as-of",
          "2026-06-15", "--work-dir", run.getKey().toString(), "--parallelism", "1");
      assertThat(ingest.code()).as(ingest.stdout() + ingest.stderr()).isZero();
      assertThat(ingest.stdout()).contains("16,406 event lines").doesNotContain(SECRET_KEY);
    }
    // the lake is on S3: the S3 work dir holds only local copies of data files, its metadata is in the bucket
    assertThat(files(s3Work.resolve("lake"), ".metadata.json")).isEmpty();
    assertThat(files(s3.dataDir().resolve(BUCKET), ".metadata.json")).isNotEmpty();
    List<Path> copies = files(s3Work.resolve("lake").resolve("s3").resolve(BUCKET), ".parquet");
    assertThat(copies).isNotEmpty();

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("ATTACH '" + folderWork.resolve("warehouse.duckdb") + "' AS f (READ_ONLY)");
      st.execute("ATTACH '" + s3Work.resolve("warehouse.duckdb") + "' AS s (READ_ONLY)");
      for (String table : RAW_TABLES) {
        String columns = comparedColumns(st, table);
        long rows = single(st, "SELECT count(*) FROM f.raw." + table);
        assertThat(single(st, "SELECT count(*) FROM s.raw." + table)).as(table).isEqualTo(rows);
        assertThat(single(st, "SELECT count(*) FROM (SELECT " + columns + " FROM f.raw." + table
            + " EXCEPT ALL SELECT " + columns + " FROM s.raw." + table + ")")).as(table).isZero();
      }
      assertThat(single(st, "SELECT count(*) FROM s.raw.usage_events")).isEqualTo(13_169);
    }

    // the models build on the warehouse as from a folder lake: the sample's findings, amounts to the cent
    Out build = process(onS3, "models", "build", "--vars", "{as_of: 2026-06-15}");
    assertThat(build.code()).as(build.stdout() + build.stderr()).isZero();
    Out export = process(onS3, "export", "--warehouse", s3Work.resolve("warehouse.duckdb").toString(), "--out",
        s3Work.resolve("out").toString());
    assertThat(export.code()).as(export.stderr()).isZero();
    assertThat(findings(s3Work.resolve("out/findings.csv")))
        .hasSize(35)
        .isEqualTo(findings(CliTestSupport.SAMPLE.resolve("expected/findings.csv")));

    Out history = process(onS3, "lake", "history", "--work-dir", s3Work.toString(), "--table", "usage_events");
    assertThat(history.code()).as(history.stderr()).isZero();
    assertThat(history.stdout()).contains("usage_events: ").contains("append");
    Out load = process(onS3, "lake", "load", "--work-dir", s3Work.toString());
    assertThat(load.code()).as(load.stderr()).isZero();
    assertThat(load.stdout()).contains("usage_events      0 rows from 0 commits");
  }

  /** Each finding's columns up to its amount and currency (evidence and action are prose), sorted. */
  private static List<String> findings(Path file) throws Exception {
    List<String> keys = List.of("leak_type", "kind", "account_id", "contract_id", "metric", "period_start",
        "period_end", "amount", "currency");
    return CliTestSupport.readCsv(file).stream()
        .map(r -> String.join("|", keys.stream().map(k -> String.valueOf(r.get(k))).toList()))
        .sorted().toList();
  }

  /** The table's columns but the load's bookkeeping and the arrival times and order of its rows. */
  private static String comparedColumns(Statement st, String table) throws Exception {
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_catalog = 'f' "
        + "AND table_schema = 'raw' AND table_name = '" + table + "' ORDER BY ordinal_position")) {
      while (rs.next()) {
        String c = rs.getString(1);
        if (!c.startsWith("_lake_") && !c.endsWith("arrival_seq") && !c.equals("received_at")
            && !c.equals("collected_at")) {
          columns.add(c);
        }
      }
    }
    assertThat(columns).as(table).contains("event_id", "source_file", "line_no");
    return String.join(", ", columns);
  }

  private static List<Path> files(Path root, String suffix) throws Exception {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
    }
  }

  private static long single(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Out process(Map<String, String> env, String... args) throws Exception {
    return CliTestSupport.process(tmp, env, 300, args);
  }
}
