package dev.leakproof.pipelines.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.IngestionConfig;
import dev.leakproof.pipelines.IngestionJob;
import dev.leakproof.pipelines.kafka.EventHeaders;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.lake.LakeTable;
import dev.leakproof.pipelines.testutils.LakeContent;
import dev.leakproof.pipelines.testutils.TestBroker;
import dev.leakproof.pipelines.testutils.TopicWriter;
import dev.leakproof.schemas.events.EventFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The continuous job on a real broker (a local process) and a MiniCluster: the sample dataset's
 * events written to the topics as the collector writes them land in the lake with exactly what the
 * bounded run over the files holds; stopped with a savepoint and restarted, it still knows every
 * event id and original it saw (a re-sent event is a duplicate, a correction finds its original).
 */
class StreamJobIT {

  static final Path SAMPLE = Path.of("../../shared/sample-dataset").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void topicsToLakeHoldWhatTheBoundedRunHoldsAndARestartKeepsTheState() throws Exception {
    List<Path> usage = EventFiles.find(SAMPLE, EventStream.USAGE);
    List<Path> seats = EventFiles.find(SAMPLE, EventStream.SEATS);
    IngestionJob bounded = new IngestionJob(IngestionConfig.defaults(usage, seats, FileIngestRunIT.reference(),
        dir.resolve("once")));
    bounded.runLocal(n -> {});
    LakeContent expected = LakeContent.of(bounded.lake());

    try (TestBroker broker = TestBroker.start(dir.resolve("kafka"), 4)) {
      long asOf = EventHeaders.micros(Instant.parse("2026-06-15T08:00:00Z"));
      try (TopicWriter writer = new TopicWriter(broker.settings(), SAMPLE, asOf)) {
        writer.writeFiles(EventStream.USAGE, usage);
        writer.writeFiles(EventStream.SEATS, seats);
        writer.heartbeat(Duration.ofSeconds(1));
      }
      Path work = dir.resolve("work");
      ContinuousSettings settings = ContinuousSettings.defaults(2).withCheckpointInterval(Duration.ofSeconds(1));
      StreamJob.Config config = new StreamJob.Config(broker.settings(), work, SAMPLE, settings);
      Lake lake = new Lake(work.resolve("lake"));
      int total = expected.usage().size() + expected.seats().size() + expected.quarantine().size()
          + expected.duplicates().size();
      try (RunningJob job = new StreamJob(config).start()) {
        LakeContent landed = await(lake, c -> size(c) >= total, job, total);
        assertThat(landed.quarantine()).containsExactlyElementsOf(expected.quarantine());
        assertThat(landed).isEqualTo(expected);
        Path savepoint = job.stopWithSavepoint(Duration.ofMinutes(2));
        assertThat(savepoint.resolve("_metadata")).exists();
      }

      String first = Files.readAllLines(usage.get(0)).get(0);
      String correction = "{\"event_id\": \"ev-stream-fix\", \"workspace_id\": \"ws-00022-0\", \"metric\": "
          + "\"ai_tokens\", \"quantity\": 1, \"occurred_at\": \"2025-12-01T00:04:55Z\", \"corrects_event_id\": \"ev-9817\"}";
      assertThat(first).contains("\"ev-9817\"");
      try (TopicWriter writer = new TopicWriter(broker.settings(), SAMPLE, asOf + 1_000_000)) {
        writer.write(EventStream.USAGE, first);
        writer.write(EventStream.USAGE, correction);
        writer.heartbeat(Duration.ofSeconds(1));
      }
      try (RunningJob job = new StreamJob(config).start()) {
        assertThat(job.restoredFrom()).isPresent();
        LakeContent after = await(lake, c -> size(c) >= total + 2, job, total + 2);
        assertThat(after.duplicates()).hasSize(expected.duplicates().size() + 1).contains("usage|ev-9817|");
        assertThat(after.usage()).hasSize(expected.usage().size() + 1)
            .anyMatch(r -> r.startsWith("ev-stream-fix|ws-00022-0|ai_tokens|1.000000000000|"));
        assertThat(after.quarantine()).isEqualTo(expected.quarantine());
        job.stopWithSavepoint(Duration.ofMinutes(2));
      }
      assertThat(lake.load(LakeTable.USAGE_EVENTS).snapshots()).hasSizeGreaterThan(1);
    }
  }

  private static int size(LakeContent c) {
    return c.usage().size() + c.seats().size() + c.quarantine().size() + c.duplicates().size();
  }

  private static LakeContent await(Lake lake, Predicate<LakeContent> done, RunningJob job, int total)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    LakeContent c = LakeContent.of(lake);
    while (!done.test(c)) {
      assertThat(job.ended()).as("the job ended: %s", job.failure()).isFalse();
      if (System.nanoTime() > deadline) {
        throw new AssertionError("The lake did not catch up: " + c.counts() + ", " + size(c) + " of " + total
            + " rows; "
            + job.health());
      }
      Thread.sleep(1000);
      c = LakeContent.of(lake);
    }
    Thread.sleep(3000); // a few more checkpoints: nothing more may arrive
    return LakeContent.of(lake);
  }
}
