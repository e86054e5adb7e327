package dev.leakproof.pipelines.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.stream.ContinuousSettings;
import dev.leakproof.pipelines.stream.FileIngestRun;
import dev.leakproof.pipelines.testutils.LakeContent;
import dev.leakproof.schemas.events.ReferenceData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upkeep of a lasting lake fed by three ingestion runs: compaction rewrites small files without
 * changing what the tables hold (and adds no rows an incremental reader would read twice);
 * expiring snapshots keeps the one the job committed last and any a reader still needs; files no
 * snapshot references are removed once old enough, younger ones are kept; time travel reads each
 * run's state back.
 */
class LakeMaintenanceIT {

  @TempDir Path dir;

  static final String USAGE = "{\"event_id\": \"%s\", \"workspace_id\": \"ws-1\", \"metric\": \"api_calls\", "
      + "\"quantity\": %d, \"occurred_at\": \"2026-0%d-0%dT10:00:00Z\"}";

  @Test
  void compactsExpiresAndRemovesOrphansWithoutLosingWhatReadersNeed() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    Path work = dir.resolve("work");
    ReferenceData reference = new ReferenceData(Set.of("ws-1"), Set.of("api_calls"), LocalDate.of(2026, 6, 15));
    List<Path> files = new ArrayList<>();
    List<Long> usageSnapshots = new ArrayList<>();
    Lake lake = new Lake(work.resolve("lake"));
    LakeSnapshots snapshots = new LakeSnapshots(lake);
    for (int day = 1; day <= 3; day++) {
      Path f = data.resolve("usage_events_2026-03-0" + day + ".jsonl");
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        lines.add(String.format(USAGE, "d" + day + "-" + i, i + 1, 3, day));
      }
      Files.write(f, lines);
      files.add(f);
      new FileIngestRun(new FileIngestRun.Config(work, Map.of(EventStream.USAGE, List.copyOf(files)), reference,
          ContinuousSettings.defaults(2))).run(n -> {});
      usageSnapshots.add(snapshots.currentSnapshotId(LakeTable.USAGE_EVENTS));
    }
    LakeContent before = LakeContent.of(lake);
    assertThat(before.usage()).hasSize(150);

    // time travel: each run's state is there to read
    assertThat(LakeContent.rows(lake, LakeTable.USAGE_EVENTS, "event_id")).hasSize(150);
    assertThat(snapshots.filesAt(LakeTable.USAGE_EVENTS, usageSnapshots.get(0))).isNotEmpty();
    long firstRunRows = rowsAt(lake, usageSnapshots.get(0));
    assertThat(firstRunRows).isEqualTo(50);

    Table table = lake.load(LakeTable.USAGE_EVENTS);
    int filesBefore = snapshots.filesAt(LakeTable.USAGE_EVENTS, table.currentSnapshot().snapshotId()).size();
    LakeMaintenance maintenance = new LakeMaintenance(lake);
    LakeMaintenance.Compacted compacted = maintenance.compact(LakeTable.USAGE_EVENTS, 128L * 1024 * 1024);
    assertThat(compacted.filesRewritten()).isEqualTo(filesBefore);
    assertThat(compacted.filesWritten()).isLessThan(filesBefore);
    assertThat(LakeContent.of(lake)).isEqualTo(before);
    // an incremental reader after the last run sees no new rows: the rewrite added none
    assertThat(snapshots.appendedAfter(LakeTable.USAGE_EVENTS, usageSnapshots.get(2), null)).isEmpty();

    // expiring everything older than now keeps the job's last commit and the reader's position
    table.refresh();
    Snapshot lastJobCommit = LakeMaintenance.lastJobCommit(table);
    assertThat(lastJobCommit.snapshotId()).isEqualTo(usageSnapshots.get(2));
    LakeMaintenance.Expired expired = maintenance.expire(LakeTable.USAGE_EVENTS, Instant.now(), 1,
        usageSnapshots.get(1));
    assertThat(expired.protectedSnapshotId()).isEqualTo(usageSnapshots.get(1));
    table.refresh();
    assertThat(table.snapshot(usageSnapshots.get(0))).isNull();
    assertThat(table.snapshot(usageSnapshots.get(1))).isNotNull();
    assertThat(table.snapshot(usageSnapshots.get(2))).isNotNull();
    assertThat(snapshots.appendedAfter(LakeTable.USAGE_EVENTS, usageSnapshots.get(1), null)).hasSize(1);
    assertThat(LakeContent.of(lake)).isEqualTo(before);
    assertThatThrownBy(() -> snapshots.appendedAfter(LakeTable.USAGE_EVENTS, usageSnapshots.get(0), null))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not in the table's history");

    // orphans: a file a killed job wrote and never committed
    Path dataDir = Path.of(java.net.URI.create(table.location())).resolve("data");
    Path orphan = Files.writeString(dataDir.resolve("00000-0-killed-job.parquet"), "not committed");
    Path young = Files.writeString(dataDir.resolve("00000-0-in-flight.parquet"), "about to be committed");
    Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minusSeconds(7 * 86_400)));
    LakeMaintenance.Orphans orphans = maintenance.removeOrphans(LakeTable.USAGE_EVENTS,
        Instant.now().minusSeconds(3 * 86_400));
    assertThat(orphans.removed()).contains(orphan.toString());
    assertThat(orphan).doesNotExist();
    assertThat(young).exists();
    assertThat(LakeContent.of(lake)).isEqualTo(before);

    // the lake still takes the next run and knows every event id it saw
    Path again = data.resolve("usage_events_2026-03-04.jsonl");
    Files.write(again, List.of(String.format(USAGE, "d1-0", 1, 3, 1), String.format(USAGE, "d4-0", 9, 3, 4)));
    files.add(again);
    new FileIngestRun(new FileIngestRun.Config(work, Map.of(EventStream.USAGE, List.copyOf(files)), reference,
        ContinuousSettings.defaults(2))).run(n -> {});
    LakeContent after = LakeContent.of(lake);
    assertThat(after.usage()).hasSize(151);
    assertThat(after.duplicates()).containsExactly("usage|d1-0|");
  }

  private static long rowsAt(Lake lake, long snapshotId) throws Exception {
    long n = 0;
    try (var rows = org.apache.iceberg.data.IcebergGenerics.read(lake.load(LakeTable.USAGE_EVENTS))
        .useSnapshot(snapshotId).build()) {
      for (var ignored : rows) {
        n++;
      }
    }
    return n;
  }
}
