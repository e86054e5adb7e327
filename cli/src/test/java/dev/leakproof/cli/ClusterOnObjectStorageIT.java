package dev.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.cli.stream.FlinkJobJar;
import dev.leakproof.cli.support.Console;
import dev.leakproof.core.EventStream;
import dev.leakproof.datagen.GeneratorConfig;
import dev.leakproof.pipelines.IngestionConfig;
import dev.leakproof.pipelines.IngestionJob;
import dev.leakproof.pipelines.cluster.ClusterSettings;
import dev.leakproof.pipelines.cluster.FlinkSessionCluster;
import dev.leakproof.pipelines.kafka.EventHeaders;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.lake.LakeConfig;
import dev.leakproof.pipelines.stream.ContinuousSettings;
import dev.leakproof.pipelines.stream.JobStateDir;
import dev.leakproof.pipelines.stream.RunningJob;
import dev.leakproof.pipelines.stream.SessionCluster;
import dev.leakproof.pipelines.stream.StreamJob;
import dev.leakproof.pipelines.testutils.LakeContent;
import dev.leakproof.pipelines.testutils.ObjectStore;
import dev.leakproof.pipelines.testutils.TestBroker;
import dev.leakproof.pipelines.testutils.TopicWriter;
import dev.leakproof.schemas.events.EventFiles;
import dev.leakproof.schemas.events.ReferenceData;
import dev.leakproof.schemas.tables.DatasetReader;
import dev.leakproof.schemas.tables.SourceData;
import dev.leakproof.schemas.tables.SourceTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Past one machine, every piece a real server in a process of its own: S3Proxy (object storage),
 * Iceberg's REST catalog server, a Kafka broker and a Flink session cluster of one JobManager and
 * two TaskManagers. The continuous job is submitted with the job jar at parallelism 2 and writes
 * the lake on S3 through the catalog; a generated dataset's events are streamed in, a TaskManager
 * is SIGKILLed mid-stream and a new one started, and at the end the lake holds what the
 * single-process bounded run over the same files holds, and the models built from it (read through
 * the catalog into DuckDB) give the batch audit's findings.
 */
class ClusterOnObjectStorageIT {

  static final LocalDate AS_OF = LocalDate.of(2026, 6, 15);

  @TempDir Path dir;
  ObjectStore store;

  @BeforeEach
  void startStorage() throws Exception {
    store = ObjectStore.start(dir, "leakproof-cluster-it");
  }

  @AfterEach
  void stopStorage() throws Exception {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void theJobOnTheClusterWritesTheLakeOnS3AndTheAuditFindsWhatTheBatchAuditFinds() throws Exception {
    long t0 = System.nanoTime();
    Path dataset = dir.resolve("dataset");
    GenerateCommand.generate(GeneratorConfig.defaults(40, 6, 16, AS_OF).withUsageEvents(20_000), dataset,
        Console.stdout());
    List<Path> usage = EventFiles.find(dataset, EventStream.USAGE);
    List<Path> seats = EventFiles.find(dataset, EventStream.SEATS);
    IngestionJob bounded = new IngestionJob(IngestionConfig.defaults(usage, seats, reference(dataset),
        dir.resolve("once")));
    bounded.runLocal(n -> {});
    LakeContent expected = LakeContent.of(bounded.lake());
    int total = size(expected);
    log(t0, "generated " + usage.size() + " usage and " + seats.size() + " seat files; bounded run: "
        + expected.counts());
    Path batchAudit = dir.resolve("audit");
    CliRun audit = cli(Map.of(), "audit", "--dataset", dataset.toString(), "--as-of", AS_OF.toString(), "--out",
        batchAudit.toString(), "--quiet");
    assertThat(audit.code()).as(audit.output()).isZero();

    Path work = dir.resolve("work");
    LakeConfig onS3 = store.lake(work.resolve("lake"));
    Map<String, String> credentials = store.credentials();
    try (TestBroker broker = TestBroker.start(dir.resolve("kafka"), 4);
         FlinkSessionCluster cluster = FlinkSessionCluster.start(clusterDir(), ClusterSettings.of(2), credentials)) {
      log(t0, "S3 at " + store.s3().endpoint() + ", catalog at " + store.catalog().uri() + ", broker and cluster at "
          + cluster.restUrl() + " up");
      ContinuousSettings settings = ContinuousSettings.defaults(2).withCheckpointInterval(Duration.ofSeconds(1));
      StreamJob.Config config = new StreamJob.Config(broker.settings(), work, dataset, settings).withLake(onS3);
      Lake lake = new Lake(onS3);
      long collected = EventHeaders.micros(AS_OF.atTime(8, 0).toInstant(java.time.ZoneOffset.UTC));
      try (TopicWriter writer = new TopicWriter(broker.settings(), dataset, collected);
           RunningJob job = new StreamJob(config).submit(SessionCluster.of(cluster.restUrl(), FlinkJobJar.locate()))) {
        writer.writeFile(EventStream.USAGE, usage.get(0));
        writer.heartbeat(Duration.ofSeconds(1));
        await("a first checkpoint with events in the lake on S3", job, () -> job.lastCheckpoint().isPresent()
            && !LakeContent.of(lake).usage().isEmpty() ? Optional.of(true) : Optional.empty());
        int landed = size(LakeContent.of(lake));
        assertThat(landed).as("rows before the kill").isPositive().isLessThan(total);

        Instant killed = Instant.now();
        cluster.killTaskManager(0);
        log(t0, "TaskManager 0 killed with " + landed + " of " + total + " rows in the lake");
        for (Path file : usage.subList(1, usage.size())) {
          writer.writeFile(EventStream.USAGE, file);
        }
        writer.writeFiles(EventStream.SEATS, seats);
        writer.heartbeat(Duration.ofSeconds(1));
        cluster.startTaskManager();
        await("a checkpoint after the kill", job, () -> job.lastCheckpoint()
            .filter(s -> s.completed().toInstant().isAfter(killed)));
        assertThat(job.health()).as("the job failed over").contains("latest failure");
        await("the whole lake", job, () -> size(LakeContent.of(lake)) >= total ? Optional.of(true) : Optional.empty());
        Thread.sleep(3000); // a few more checkpoints: nothing more may arrive
        LakeContent streamed = LakeContent.of(lake);
        log(t0, "lake on S3 caught up: " + streamed.counts());
        assertThat(streamed.counts()).isEqualTo(expected.counts());
        assertThat(streamed).isEqualTo(expected);
        assertThat(job.stopWithSavepoint(Duration.ofMinutes(2)).resolve("_metadata")).exists();
      }
    }
    // the lake's files are in the bucket, not under the work dir
    try (var files = Files.walk(store.s3().dataDir().resolve(ObjectStore.BUCKET))) {
      assertThat(files.filter(p -> p.toString().endsWith(".parquet")).count()).isPositive();
    }

    // the warehouse loads the lake on S3 through the catalog; the models give the batch audit's findings
    Map<String, String> env = new HashMap<>(store.lakeEnvironment());
    env.put("LEAKPROOF_WAREHOUSE", work.resolve("warehouse.duckdb").toString());
    CliRun load = cli(env, "ingest", "--events", "lake", "--dataset", dataset.toString(), "--as-of",
        AS_OF.toString(), "--work-dir", work.toString());
    assertThat(load.code()).as(load.output()).isZero();
    CliRun build = cli(env, "models", "build", "--vars", "{as_of: " + AS_OF + "}");
    assertThat(build.code()).as(build.output()).isZero();
    CliRun export = cli(env, "export", "--warehouse", work.resolve("warehouse.duckdb").toString(), "--out",
        work.resolve("out").toString());
    assertThat(export.code()).as(export.output()).isZero();
    List<String> batch = findings(batchAudit.resolve("findings.csv"));
    assertThat(batch).isNotEmpty();
    assertThat(findings(work.resolve("out").resolve("findings.csv"))).isEqualTo(batch);
    CliRun history = cli(env, "lake", "--work-dir", work.toString(), "history", "--table", "usage_events");
    assertThat(history.code()).as(history.output()).isZero();
    assertThat(history.output()).contains("usage_events: ").contains("append");
    assertThat(load.output() + build.output() + export.output() + history.output()).doesNotContain(store.secretKey());
    log(t0, batch.size() + " findings equal to the batch audit's");
  }

  private record CliRun(int code, String output) {}

  /** {@code leakproof args...} as its own process with {@code env} added (the scheduler's way). */
  private CliRun cli(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens")).forEach(command::add);
    command.addAll(List.of("-Xmx2g", "-cp", System.getProperty("java.class.path"), Leakproof.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("LEAKPROOF_") || k.startsWith("AWS_"));
    pb.environment().putAll(env);
    Path out = Files.createTempFile(dir, "cli", ".txt");
    Process p = pb.redirectOutput(out.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("leakproof " + String.join(" ", args) + " ran over 5 min: " + Files.readString(out));
    }
    return new CliRun(p.exitValue(), Files.readString(out));
  }

  /** Each finding's columns up to its amount and currency (evidence and action are prose), sorted. */
  private static List<String> findings(Path file) throws Exception {
    List<String> keys = List.of("leak_type", "kind", "account_id", "contract_id", "metric", "period_start",
        "period_end", "amount", "currency");
    List<String> out = new ArrayList<>();
    for (Map<String, String> r : CliTestSupport.readCsv(file)) {
      assertThat(r.keySet()).containsAll(keys);
      out.add(String.join("|", keys.stream().map(r::get).toList()));
    }
    return out.stream().sorted().toList();
  }

  private static <T> Optional<T> await(String what, RunningJob job, Probe<T> probe) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    Optional<T> found = probe.get();
    while (found.isEmpty()) {
      assertThat(job.ended()).as("the job ended while waiting for %s: %s", what, job.failure()).isFalse();
      if (System.nanoTime() > deadline) {
        throw new AssertionError("No " + what + " within 3 min; " + job.health());
      }
      Thread.sleep(500);
      found = probe.get();
    }
    return found;
  }

  /** A look at the job's outcome so far; empty while it is not there yet. */
  private interface Probe<T> {
    Optional<T> get() throws Exception;
  }

  /** The cluster's folder, kept after the test for its processes' logs (target/flink-object-storage-it/log). */
  private static Path clusterDir() throws java.io.IOException {
    Path d = Path.of("target", "flink-object-storage-it").toAbsolutePath();
    FlinkSessionCluster.stop(d);
    if (Files.exists(d)) {
      try (var files = Files.walk(d)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return d;
  }

  private static int size(LakeContent c) {
    return c.usage().size() + c.seats().size() + c.quarantine().size() + c.duplicates().size();
  }

  private static ReferenceData reference(Path dataset) throws Exception {
    SourceData sources = new DatasetReader(dataset).read();
    return new ReferenceData(sources.distinct(SourceTable.WORKSPACES, "workspace_id"),
        sources.distinct(SourceTable.PRICE_BOOK, "metric"), AS_OF);
  }

  private static void log(long t0, String line) {
    System.out.printf("[%6.1f s] %s%n", (System.nanoTime() - t0) / 1e9, line);
  }
}
