package dev.leakproof.pipelines.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.servers.RestCatalogServer;
import dev.leakproof.pipelines.servers.S3ProxyServer;
import dev.leakproof.pipelines.stream.ContinuousSettings;
import dev.leakproof.pipelines.stream.FileIngestRun;
import dev.leakproof.pipelines.testutils.LakeContent;
import dev.leakproof.pipelines.testutils.ObjectStore;
import dev.leakproof.schemas.events.EventFiles;
import dev.leakproof.schemas.events.ReferenceData;
import dev.leakproof.schemas.tables.DatasetReader;
import dev.leakproof.schemas.tables.SourceData;
import dev.leakproof.schemas.tables.SourceTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake on object storage behind a shared catalog, with both servers run as local processes
 * (S3Proxy on its filesystem backend, Iceberg's REST catalog server on SQLite): an ingestion run
 * of the sample dataset into it holds exactly what the same run into a folder lake holds; its
 * objects are in the S3 server's backend, its tables in the catalog's SQLite file (they load again
 * after the catalog restarts), and DuckDB's readers get local copies of its data files. A JDBC
 * catalog (SQLite here) keeps a lake on S3 the same way.
 */
class ObjectStoreLakeIT {

  static final Path SAMPLE = Path.of("../../shared/sample-dataset").toAbsolutePath().normalize();
  static final String BUCKET = ObjectStore.BUCKET;

  @TempDir Path dir;
  ObjectStore store;
  S3ProxyServer s3;
  RestCatalogServer catalog;

  @BeforeEach
  void startServers() throws Exception {
    store = ObjectStore.start(dir, "leakproof-it");
    s3 = store.s3();
    catalog = store.catalog();
  }

  @AfterEach
  void stopServers() throws Exception {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void aRunIntoTheLakeOnS3HoldsWhatTheSameRunIntoAFolderHolds() throws Exception {
    LakeConfig onS3 = store.lake(dir.resolve("work-s3").resolve("lake"));
    Lake lake = new Lake(onS3);
    lake.ensureAll();
    assertThat(lake.load(LakeTable.USAGE_EVENTS).location()).startsWith("s3://" + BUCKET + "/warehouse/");

    ReferenceData reference = reference();
    Map<EventStream, List<Path>> files = Map.of(EventStream.USAGE, EventFiles.find(SAMPLE, EventStream.USAGE),
        EventStream.SEATS, EventFiles.find(SAMPLE, EventStream.SEATS));
    ContinuousSettings settings = ContinuousSettings.defaults(2);
    Path folderWork = dir.resolve("work-folder");
    FileIngestRun.Result intoFolder = new FileIngestRun(new FileIngestRun.Config(folderWork, files, reference,
        settings, null, LakeConfig.folder(folderWork.resolve("lake")))).run(n -> {});
    FileIngestRun.Result intoS3 = new FileIngestRun(new FileIngestRun.Config(dir.resolve("work-s3"), files,
        reference, settings, null, onS3)).run(n -> {});
    assertThat(intoS3.lines()).isEqualTo(intoFolder.lines()).isEqualTo(2 * 6683 + 3040);

    LakeContent expected = LakeContent.of(new Lake(folderWork.resolve("lake")));
    LakeContent actual = LakeContent.of(lake);
    assertThat(actual.counts()).isEqualTo(expected.counts());
    assertThat(actual).isEqualTo(expected);

    // the objects are files of the S3 server's backend, nothing of the lake is in the local folder
    Path warehouse = s3.dataDir().resolve(BUCKET).resolve("warehouse");
    assertThat(count(warehouse, ".parquet")).isGreaterThanOrEqualTo(LakeTable.values().length);
    assertThat(count(warehouse, ".metadata.json")).isGreaterThanOrEqualTo(LakeTable.values().length);
    assertThat(count(dir.resolve("work-s3"), ".parquet")).isZero();

    // the tables live in the catalog's SQLite file: a restarted server serves them unchanged
    catalog.stop();
    assertThat(Files.size(catalog.catalogFile())).isPositive();
    catalog.start(Duration.ofSeconds(60));
    assertThat(LakeContent.of(new Lake(onS3))).isEqualTo(expected);

    // DuckDB's readers get local copies of the planned data files, byte for byte the objects
    List<String> usageFiles = lake.dataFiles(LakeTable.USAGE_EVENTS);
    assertThat(usageFiles).isNotEmpty();
    for (String f : usageFiles) {
      Path copy = Path.of(f);
      assertThat(copy).startsWith(onS3.localFolder().resolve("s3").resolve(BUCKET));
      Path object = s3.dataDir().resolve(onS3.localFolder().resolve("s3").relativize(copy).toString());
      assertThat(Files.mismatch(copy, object)).isEqualTo(-1L);
    }
    assertThat(lake.dataFiles(LakeTable.USAGE_EVENTS)).isEqualTo(usageFiles);
    // commits list the objects' own locations (Snowflake reads them in place), DuckDB their copies
    List<String> committed = new LakeSnapshots(lake).appendedAfter(LakeTable.USAGE_EVENTS, null, null).stream()
        .flatMap(a -> a.files().stream()).toList();
    assertThat(committed).allMatch(f -> f.startsWith("s3://" + BUCKET + "/warehouse/leakproof/usage_events/data/"));
    assertThat(lake.readablePaths(LakeTable.USAGE_EVENTS, committed)).containsExactlyInAnyOrderElementsOf(usageFiles);
    assertThat(lake.location()).isEqualTo("s3://" + BUCKET + "/warehouse");

    // maintenance lists the table's objects: an object a killed job wrote and never committed goes
    String table = lake.load(LakeTable.USAGE_EVENTS).location();
    String orphanKey = table.substring(("s3://" + BUCKET + "/").length()) + "/data/00000-0-killed-job.parquet";
    try (software.amazon.awssdk.services.s3.S3Client client = s3.client()) {
      client.putObject(b -> b.bucket(BUCKET).key(orphanKey),
          software.amazon.awssdk.core.sync.RequestBody.fromString("not committed"));
    }
    LakeMaintenance.Orphans orphans = new LakeMaintenance(lake).removeOrphans(LakeTable.USAGE_EVENTS,
        java.time.Instant.now().plusSeconds(60));
    assertThat(orphans.removed()).containsExactly("s3://" + BUCKET + "/" + orphanKey);
    assertThat(s3.dataDir().resolve(BUCKET).resolve(orphanKey)).doesNotExist();
    assertThat(LakeContent.of(lake)).isEqualTo(expected);

    // the secret key reached both servers (requests were signed with it) and neither logged it
    assertThat(Files.readString(catalog.log())).contains("Creating rest_backend catalog").doesNotContain(store.secretKey());
    assertThat(Files.readString(s3.log())).doesNotContain(store.secretKey());
  }

  @Test
  void aJdbcCatalogKeepsTheLakeOnS3InItsDatabase() throws Exception {
    Path db = dir.resolve("jdbc-catalog.db");
    LakeConfig onS3 = LakeConfig.jdbc("jdbc:sqlite:file:" + db, "s3://" + BUCKET + "/jdbc",
        new LakeConfig.S3(s3.endpoint(), true, "us-east-1"), dir.resolve("jdbc-cache"));
    new Lake(onS3).ensureAll();
    assertThat(Files.size(db)).isPositive();
    // a second process-like start: a fresh catalog on the same database finds every table, on S3
    Lake again = new Lake(onS3);
    for (LakeTable table : LakeTable.values()) {
      assertThat(again.load(table).location()).startsWith("s3://" + BUCKET + "/jdbc/leakproof/");
    }
    assertThat(count(s3.dataDir().resolve(BUCKET).resolve("jdbc"), ".metadata.json"))
        .isEqualTo(LakeTable.values().length);
    assertThat(again.dataFiles(LakeTable.USAGE_EVENTS)).isEmpty();
  }

  private static long count(Path root, String suffix) throws Exception {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
    }
  }

  static ReferenceData reference() throws Exception {
    SourceData sources = new DatasetReader(SAMPLE).read();
    return new ReferenceData(sources.distinct(SourceTable.WORKSPACES, "workspace_id"),
        sources.distinct(SourceTable.PRICE_BOOK, "metric"), LocalDate.of(2026, 6, 15));
  }
}
