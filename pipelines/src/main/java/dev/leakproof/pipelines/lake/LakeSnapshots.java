package dev.leakproof.pipelines.lake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * The history of a lake table as its readers need it: every commit is a snapshot, so the files an
 * append added can be read once and in order (the warehouse loads only what is new), and any
 * earlier state can be read back (time travel by snapshot id or instant). File lists are local
 * paths in a folder lake and {@code s3://} locations on object storage (where Snowflake reads them
 * in place); DuckDB reads them through {@link Lake#readablePaths}.
 */
public final class LakeSnapshots {

  private final Lake lake;

  public LakeSnapshots(Lake lake) {
    this.lake = lake;
  }

  /**
   * The data files one append commit added.
   *
   * @param records rows in those files
   * @param summary the commit's summary (the Flink job and checkpoint that committed it, counts)
   */
  public record Appended(long snapshotId, Instant committedAt, List<String> files, long records,
      Map<String, String> summary) {
    public Appended {
      files = List.copyOf(files);
      summary = Map.copyOf(summary);
    }
  }

  /** One snapshot of a table's history, newest last. */
  public record Entry(long snapshotId, Long parentId, Instant committedAt, String operation, long addedRecords,
      long totalRecords, String flinkJobId, String checkpointId) {}

  /** The table's snapshots on its current branch, oldest first. */
  public List<Entry> history(LakeTable table) {
    Table t = lake.load(table);
    if (t.currentSnapshot() == null) {
      return List.of();
    }
    List<Entry> out = new ArrayList<>();
    for (Snapshot s : SnapshotUtil.currentAncestors(t)) {
      Map<String, String> sum = s.summary();
      out.add(new Entry(s.snapshotId(), s.parentId(), Instant.ofEpochMilli(s.timestampMillis()), s.operation(),
          parseLong(sum.get("added-records")), parseLong(sum.get("total-records")), sum.get("flink.job-id"),
          sum.get("flink.max-committed-checkpoint-id")));
    }
    Collections.reverse(out);
    return out;
  }

  /**
   * The appends after {@code afterSnapshotId} (all of them when null) up to the newest committed
   * at or before {@code asOf} (the current snapshot when null), oldest first. Rewrites of files
   * (compaction) add no rows and are skipped.
   *
   * @throws IllegalStateException when {@code afterSnapshotId} is no longer in the table's history
   */
  public List<Appended> appendedAfter(LakeTable table, Long afterSnapshotId, Instant asOf) {
    Table t = lake.load(table);
    Snapshot target = asOf == null ? t.currentSnapshot() : snapshotAsOf(t, asOf).orElse(null);
    if (target == null) {
      return List.of();
    }
    List<Snapshot> chain = new ArrayList<>();
    boolean reachedStart = afterSnapshotId == null;
    for (Snapshot s : SnapshotUtil.ancestorsOf(target.snapshotId(), t::snapshot)) {
      if (afterSnapshotId != null && s.snapshotId() == afterSnapshotId) {
        reachedStart = true;
        break;
      }
      chain.add(s);
    }
    if (!reachedStart) {
      if (afterSnapshotId != null && t.snapshot(afterSnapshotId) != null
          && isAncestorOrEqual(t, target.snapshotId(), afterSnapshotId)) {
        return List.of();
      }
      throw new IllegalStateException("Cannot read " + table.tableName() + " after snapshot " + afterSnapshotId
          + ": it is not in the table's history (expired, or the lake was recreated); reload from scratch");
    }
    Collections.reverse(chain);
    List<Appended> out = new ArrayList<>();
    for (Snapshot s : chain) {
      if (!DataOperations.APPEND.equals(s.operation())) {
        continue;
      }
      List<String> files = new ArrayList<>();
      long records = 0;
      for (DataFile f : s.addedDataFiles(t.io())) {
        files.add(localPath(f.location()));
        records += f.recordCount();
      }
      out.add(new Appended(s.snapshotId(), Instant.ofEpochMilli(s.timestampMillis()), files, records, s.summary()));
    }
    return out;
  }

  private static boolean isAncestorOrEqual(Table t, long snapshotId, long candidate) {
    if (snapshotId == candidate) {
      return true;
    }
    return SnapshotUtil.isAncestorOf(t, candidate, snapshotId);
  }

  /** The snapshot that was current at {@code instant}, if the table had one then. */
  public Optional<Snapshot> snapshotAsOf(LakeTable table, Instant instant) {
    return snapshotAsOf(lake.load(table), instant);
  }

  private static Optional<Snapshot> snapshotAsOf(Table t, Instant instant) {
    Snapshot found = null;
    for (Snapshot s : SnapshotUtil.currentAncestors(t)) {
      if (s.timestampMillis() <= instant.toEpochMilli()) {
        found = s;
        break;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The data files of the table as it was at a snapshot (time travel). */
  public List<String> filesAt(LakeTable table, long snapshotId) {
    Table t = lake.load(table);
    if (t.snapshot(snapshotId) == null) {
      throw new IllegalArgumentException("Invalid snapshot: " + snapshotId + " is not a snapshot of "
          + table.tableName());
    }
    List<String> files = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = t.newScan().useSnapshot(snapshotId).planFiles()) {
      for (FileScanTask task : tasks) {
        files.add(localPath(task.file().location()));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return files;
  }

  /** The id of the table's current snapshot, or null for a table without commits. */
  public Long currentSnapshotId(LakeTable table) {
    Snapshot s = lake.load(table).currentSnapshot();
    return s == null ? null : s.snapshotId();
  }

  static String localPath(String location) {
    return location.startsWith("file:") ? java.nio.file.Path.of(java.net.URI.create(location)).toString() : location;
  }

  private static long parseLong(String s) {
    try {
      return s == null ? 0 : Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
