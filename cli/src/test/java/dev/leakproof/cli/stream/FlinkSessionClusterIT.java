package dev.leakproof.cli.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.IngestionConfig;
import dev.leakproof.pipelines.IngestionJob;
import dev.leakproof.pipelines.cluster.FlinkSessionCluster;
import dev.leakproof.pipelines.kafka.EventHeaders;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.stream.ContinuousSettings;
import dev.leakproof.pipelines.stream.JobStateDir;
import dev.leakproof.pipelines.stream.RunningJob;
import dev.leakproof.pipelines.stream.SessionCluster;
import dev.leakproof.pipelines.stream.StreamJob;
import dev.leakproof.pipelines.testutils.LakeContent;
import dev.leakproof.pipelines.testutils.TestBroker;
import dev.leakproof.pipelines.testutils.TopicWriter;
import dev.leakproof.schemas.events.EventFiles;
import dev.leakproof.schemas.events.ReferenceData;
import dev.leakproof.schemas.tables.DatasetReader;
import dev.leakproof.schemas.tables.SourceData;
import dev.leakproof.schemas.tables.SourceTable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The continuous job on a real Flink session cluster of separate processes (a JobManager and two
 * one-slot TaskManagers), submitted over the REST API with the job jar at parallelism 2, reading a
 * real broker: a TaskManager is SIGKILLed after the first checkpoint while events still arrive, a
 * new one starts, the job recovers from its checkpoint, and the lake ends up holding exactly what
 * the bounded run over the same files holds (nothing lost, nothing twice).
 */
class FlinkSessionClusterIT {

  static final Path SAMPLE = Path.of("../../shared/sample-dataset").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void aJobOnTheClusterSurvivesAKilledTaskManagerWithTheLakeOfTheBoundedRun() throws Exception {
    long t0 = System.nanoTime();
    List<Path> usage = EventFiles.find(SAMPLE, EventStream.USAGE);
    List<Path> seats = EventFiles.find(SAMPLE, EventStream.SEATS);
    assertThat(usage).hasSize(2);
    IngestionJob bounded = new IngestionJob(IngestionConfig.defaults(usage, seats, reference(), dir.resolve("once")));
    bounded.runLocal(n -> {});
    LakeContent expected = LakeContent.of(bounded.lake());
    int total = size(expected);
    log(t0, "bounded run: " + expected.counts());

    try (TestBroker broker = TestBroker.start(dir.resolve("kafka"), 4);
         FlinkSessionCluster cluster = FlinkSessionCluster.start(clusterDir(), 2)) {
      log(t0, "broker and cluster up at " + cluster.restUrl() + ", TaskManagers " + cluster.taskManagerPids());
      Path work = dir.resolve("work");
      ContinuousSettings settings = ContinuousSettings.defaults(2).withCheckpointInterval(Duration.ofSeconds(1));
      StreamJob.Config config = new StreamJob.Config(broker.settings(), work, SAMPLE, settings);
      Lake lake = new Lake(work.resolve("lake"));
      long asOf = EventHeaders.micros(Instant.parse("2026-06-15T08:00:00Z"));
      try (TopicWriter writer = new TopicWriter(broker.settings(), SAMPLE, asOf);
           RunningJob job = new StreamJob(config).submit(SessionCluster.of(cluster.restUrl(), FlinkJobJar.locate()))) {
        log(t0, "job " + job.id() + " submitted");
        writer.writeFile(EventStream.USAGE, usage.get(0));
        writer.heartbeat(Duration.ofSeconds(1)); // the watermark passes them: the job commits them
        Optional<JobStateDir.Snapshot> beforeKill = await("a first checkpoint with events in the lake", job,
            () -> {
              Optional<JobStateDir.Snapshot> checkpoint = job.lastCheckpoint();
              return checkpoint.isPresent() && !LakeContent.of(lake).usage().isEmpty() ? checkpoint : Optional.empty();
            });
        int landed = size(LakeContent.of(lake));
        assertThat(landed).as("rows in the lake before the kill").isPositive().isLessThan(total);

        Instant killed = Instant.now();
        cluster.killTaskManager(0);
        log(t0, "TaskManager 0 killed after " + beforeKill.get().path().getFileName() + " with " + landed + " rows");
        writer.writeFile(EventStream.USAGE, usage.get(1));
        writer.writeFiles(EventStream.SEATS, seats);
        writer.heartbeat(Duration.ofSeconds(1));
        cluster.startTaskManager();
        log(t0, "new TaskManager registered; TaskManagers " + cluster.taskManagerPids());

        await("a checkpoint after the kill", job, () -> job.lastCheckpoint()
            .filter(s -> s.completed().toInstant().isAfter(killed)));
        log(t0, "checkpoint after the kill: " + job.health());
        assertThat(job.health()).as("the job failed over").contains("latest failure");
        LakeContent c = await("the whole lake", job, () -> {
          LakeContent now = LakeContent.of(lake);
          return size(now) >= total ? Optional.of(now) : Optional.empty();
        }).get();
        Thread.sleep(3000); // a few more checkpoints: nothing more may arrive
        LakeContent after = LakeContent.of(lake);
        log(t0, "lake caught up: " + after.counts());
        assertThat(after.quarantine()).containsExactlyElementsOf(expected.quarantine());
        assertThat(after.duplicates()).containsExactlyElementsOf(expected.duplicates());
        assertThat(after).isEqualTo(expected);
        assertThat(c).isEqualTo(expected);

        Path savepoint = job.stopWithSavepoint(Duration.ofMinutes(2));
        assertThat(savepoint.resolve("_metadata")).exists();
        assertThat(job.status().isGloballyTerminalState()).isTrue();
        log(t0, "stopped with savepoint " + savepoint.getFileName());
      }
    }
    log(t0, "done");
  }

  private static <T> Optional<T> await(String what, RunningJob job, Probe<T> probe) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    Optional<T> found = probe.get();
    while (found.isEmpty()) {
      assertThat(job.ended()).as("the job ended while waiting for %s: %s", what, job.failure()).isFalse();
      if (System.nanoTime() > deadline) {
        throw new AssertionError("No " + what + " within 2 min; " + job.health());
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

  /** The cluster's folder, kept after the test for its processes' logs (target/flink-session-it/log). */
  private static Path clusterDir() throws java.io.IOException {
    Path d = Path.of("target", "flink-session-it").toAbsolutePath();
    FlinkSessionCluster.stop(d); // processes an aborted run left behind
    if (java.nio.file.Files.exists(d)) {
      try (var files = java.nio.file.Files.walk(d)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          java.nio.file.Files.delete(p);
        }
      }
    }
    return d;
  }

  private static int size(LakeContent c) {
    return c.usage().size() + c.seats().size() + c.quarantine().size() + c.duplicates().size();
  }

  private static ReferenceData reference() throws Exception {
    SourceData sources = new DatasetReader(SAMPLE).read();
    return new ReferenceData(sources.distinct(SourceTable.WORKSPACES, "workspace_id"),
        sources.distinct(SourceTable.PRICE_BOOK, "metric"), LocalDate.of(2026, 6, 15));
  }

  private static void log(long t0, String line) {
    System.out.printf("[%6.1f s] %s%n", (System.nanoTime() - t0) / 1e9, line);
  }
}
