package dev.leakproof.pipelines.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.IngestionConfig;
import dev.leakproof.pipelines.IngestionJob;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.lake.LakeTable;
import dev.leakproof.pipelines.testutils.LakeContent;
import dev.leakproof.schemas.events.EventFiles;
import dev.leakproof.schemas.events.ReferenceData;
import dev.leakproof.schemas.tables.DatasetReader;
import dev.leakproof.schemas.tables.SourceData;
import dev.leakproof.schemas.tables.SourceTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingestion runs into a lasting lake: the sample dataset's files taken in two runs (a day, then the
 * next day's file) hold exactly what one bounded run over all files holds, duplicates and
 * corrections across the runs included; a third run has nothing new; the tables are appended to,
 * never recreated.
 */
class FileIngestRunIT {

  static final Path SAMPLE = Path.of("../../shared/sample-dataset").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void runsOverTwoDaysHoldWhatOneRunOverEverythingHolds() throws Exception {
    ReferenceData reference = reference();
    List<Path> usage = EventFiles.find(SAMPLE, EventStream.USAGE);
    List<Path> seats = EventFiles.find(SAMPLE, EventStream.SEATS);
    assertThat(usage).hasSize(2);

    IngestionJob bounded = new IngestionJob(IngestionConfig.defaults(usage, seats, reference, dir.resolve("once")));
    bounded.runLocal(n -> {});
    LakeContent expected = LakeContent.of(bounded.lake());

    Path work = dir.resolve("work");
    ContinuousSettings settings = ContinuousSettings.defaults(2);
    FileIngestRun.Result first = new FileIngestRun(new FileIngestRun.Config(work,
        Map.of(EventStream.USAGE, usage.subList(0, 1), EventStream.SEATS, seats), reference, settings)).run(n -> {});
    assertThat(first.run()).isEqualTo(1);
    assertThat(first.lines()).isEqualTo(6683 + 3040);
    Lake lake = new Lake(work.resolve("lake"));
    String tableUuid = lake.load(LakeTable.USAGE_EVENTS).uuid().toString();

    FileIngestRun.Result second = new FileIngestRun(new FileIngestRun.Config(work,
        Map.of(EventStream.USAGE, usage, EventStream.SEATS, seats), reference, settings)).run(n -> {});
    assertThat(second.run()).isEqualTo(2);
    assertThat(second.lines()).isEqualTo(6683);

    LakeContent actual = LakeContent.of(lake);
    assertThat(actual.counts()).isEqualTo(expected.counts());
    assertThat(actual).isEqualTo(expected);
    assertThat(lake.load(LakeTable.USAGE_EVENTS).uuid().toString()).isEqualTo(tableUuid);

    FileIngestRun.Result third = new FileIngestRun(new FileIngestRun.Config(work,
        Map.of(EventStream.USAGE, usage, EventStream.SEATS, seats), reference, settings)).run(n -> {});
    assertThat(third.nothingNew()).isTrue();
    assertThat(LakeContent.of(lake)).isEqualTo(expected);
  }

  @Test
  void aFileChangedAfterItWasIngestedIsRefusedWithItsName() throws Exception {
    ReferenceData reference = reference();
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    Path file = data.resolve("usage_events_001.jsonl");
    Files.writeString(file, "{\"event_id\": \"e1\", \"workspace_id\": \"ws-00001-0\", \"metric\": \"api_calls\", "
        + "\"quantity\": 1, \"occurred_at\": \"2026-01-01T00:00:00Z\"}\n");
    Path work = dir.resolve("work2");
    FileIngestRun.Config config = new FileIngestRun.Config(work, Map.of(EventStream.USAGE, List.of(file)), reference,
        ContinuousSettings.defaults(1));
    assertThat(new FileIngestRun(config).run(n -> {}).lines()).isEqualTo(1);
    Files.writeString(file, "{\"event_id\": \"e2\"}\n", StandardOpenOption.APPEND);
    assertThatThrownBy(() -> new FileIngestRun(config).run(n -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Cannot ingest " + file + " again: it changed since it was ingested");
  }

  @Test
  void rocksDbStateCarriesEventIdsFromOneRunToTheNext() throws Exception {
    ReferenceData reference = reference();
    Path data = dir.resolve("rocks");
    Files.createDirectories(data);
    String event = "{\"event_id\": \"r1\", \"workspace_id\": \"ws-00001-0\", \"metric\": \"api_calls\", "
        + "\"quantity\": 4, \"occurred_at\": \"2026-01-01T00:00:00Z\"}";
    String fix = "{\"event_id\": \"r1-fix\", \"workspace_id\": \"ws-00001-0\", \"metric\": \"api_calls\", "
        + "\"quantity\": 3, \"occurred_at\": \"2026-01-01T00:00:00Z\", \"corrects_event_id\": \"r1\"}";
    Path day1 = Files.writeString(data.resolve("usage_events_001.jsonl"), event + "\n");
    Path day2 = Files.writeString(data.resolve("usage_events_002.jsonl"), event + "\n" + fix + "\n");
    Path work = dir.resolve("rocks-work");
    ContinuousSettings rocks = new ContinuousSettings(1, java.time.Duration.ofSeconds(10),
        ContinuousSettings.StateBackend.ROCKSDB, java.time.Duration.ofDays(31), java.time.Duration.ofDays(3),
        java.time.Duration.ofMillis(500));
    new FileIngestRun(new FileIngestRun.Config(work, Map.of(EventStream.USAGE, List.of(day1)), reference, rocks))
        .run(n -> {});
    new FileIngestRun(new FileIngestRun.Config(work, Map.of(EventStream.USAGE, List.of(day1, day2)), reference,
        rocks)).run(n -> {});
    LakeContent lake = LakeContent.of(new Lake(work.resolve("lake")));
    assertThat(lake.duplicates()).containsExactly("usage|r1|");
    assertThat(lake.usage()).hasSize(2).anyMatch(r -> r.startsWith("r1-fix|"));
    assertThat(lake.quarantine()).isEmpty();
  }

  static ReferenceData reference() throws Exception {
    SourceData sources = new DatasetReader(SAMPLE).read();
    return new ReferenceData(sources.distinct(SourceTable.WORKSPACES, "workspace_id"),
        sources.distinct(SourceTable.PRICE_BOOK, "metric"), LocalDate.of(2026, 6, 15));
  }
}
