package dev.leakproof.pipelines.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.RewriteDataFilesActionResult;
import org.apache.iceberg.flink.actions.Actions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Keeps a lasting lake small without losing what its readers need: expires old snapshots (never
 * the one the ingestion job committed last, which its committer reads back on a restart to commit
 * nothing twice, and never one the warehouse has not loaded yet), compacts small files into larger
 * ones (a rewrite adds no rows, so the warehouse's incremental load skips it), and removes files no
 * snapshot references (those a killed job wrote and never committed) once they are old enough
 * that no running job can still commit them.
 */
public final class LakeMaintenance {

  private final Lake lake;

  public LakeMaintenance(Lake lake) {
    this.lake = lake;
  }

  /**
   * What expiring one table did.
   *
   * @param kept the snapshots left
   * @param protectedSnapshotId the oldest snapshot that had to stay (the job's last commit or the
   *     warehouse's position), or null
   */
  public record Expired(String table, int before, int kept, Long protectedSnapshotId) {}

  /**
   * Expires the snapshots committed before {@code olderThan}, keeping at least {@code retainLast},
   * the job's last commit and {@code warehouseSnapshotId} (the warehouse's position, when known)
   * with everything after them.
   */
  public Expired expire(LakeTable table, Instant olderThan, int retainLast, Long warehouseSnapshotId) {
    Table t = lake.load(table);
    int before = count(t);
    long cutoff = olderThan.toEpochMilli();
    Long protectedId = null;
    Snapshot jobCommit = lastJobCommit(t);
    if (jobCommit != null && jobCommit.timestampMillis() < cutoff) {
      cutoff = jobCommit.timestampMillis();
      protectedId = jobCommit.snapshotId();
    }
    if (warehouseSnapshotId != null) {
      Snapshot loaded = t.snapshot(warehouseSnapshotId);
      if (loaded != null && loaded.timestampMillis() < cutoff) {
        cutoff = loaded.timestampMillis();
        protectedId = loaded.snapshotId();
      }
    }
    if (t.currentSnapshot() != null) {
      t.expireSnapshots().expireOlderThan(cutoff).retainLast(Math.max(1, retainLast)).commit();
    }
    t.refresh();
    return new Expired(table.tableName(), before, count(t), protectedId);
  }

  /** The newest snapshot a Flink job committed (its summary names the job and checkpoint). */
  static Snapshot lastJobCommit(Table t) {
    Snapshot s = t.currentSnapshot();
    while (s != null) {
      if (s.summary().containsKey("flink.job-id")) {
        return s;
      }
      s = s.parentId() == null ? null : t.snapshot(s.parentId());
    }
    return null;
  }

  /** What compacting one table did. */
  public record Compacted(String table, int filesRewritten, int filesWritten) {}

  /** Rewrites the table's small files into files of about {@code targetBytes}, on a local Flink job. */
  public Compacted compact(LakeTable table, long targetBytes) {
    Table t = lake.load(table);
    if (t.currentSnapshot() == null) {
      return new Compacted(table.tableName(), 0, 0);
    }
    Configuration conf = new Configuration();
    conf.setString("parallelism.default", "1");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    RewriteDataFilesActionResult r = Actions.forTable(env, t).rewriteDataFiles().targetSizeInBytes(targetBytes)
        .execute();
    return new Compacted(table.tableName(), r.deletedDataFiles().size(), r.addedDataFiles().size());
  }

  /**
   * Files found under the table's folder (or its prefix on object storage) that no snapshot or
   * metadata file references.
   *
   * @param removed local paths in a folder lake, {@code s3://} locations on object storage
   */
  public record Orphans(String table, List<String> removed, int youngKept) {}

  /**
   * Deletes the files under the table's folder (on object storage: the objects under its
   * location) that nothing references and that are older than {@code olderThan}: younger ones
   * may belong to a checkpoint a running job is about to commit.
   */
  public Orphans removeOrphans(LakeTable table, Instant olderThan) {
    Table t = lake.load(table);
    Set<String> referenced = new HashSet<>();
    ReachableFileUtil.metadataFileLocations(t, true).forEach(l -> referenced.add(local(l)));
    ReachableFileUtil.manifestListLocations(t).forEach(l -> referenced.add(local(l)));
    ReachableFileUtil.statisticsFilesLocations(t).forEach(l -> referenced.add(local(l)));
    String hint = ReachableFileUtil.versionHintLocation(t);
    if (hint != null) {
      referenced.add(local(hint));
    }
    if (t instanceof org.apache.iceberg.HasTableOperations ops) {
      referenced.add(local(ops.operations().current().metadataFileLocation()));
    }
    for (Snapshot s : t.snapshots()) {
      for (ManifestFile m : s.allManifests(t.io())) {
        referenced.add(local(m.path()));
        try (CloseableIterable<DataFile> files = ManifestFiles.read(m, t.io())) {
          for (DataFile f : files) {
            referenced.add(local(f.location()));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    if (lake.config().onObjectStorage()) {
      return removeObjects(table, t, referenced, olderThan);
    }
    Path root = Path.of(local(t.location()));
    List<String> removed = new java.util.ArrayList<>();
    int young = 0;
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        String name = p.getFileName().toString();
        if (referenced.contains(p.toString()) || name.startsWith(".") || name.equals("version-hint.text")) {
          continue;
        }
        if (Files.getLastModifiedTime(p).toInstant().isAfter(olderThan)) {
          young++;
          continue;
        }
        Files.deleteIfExists(p);
        removed.add(p.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the files of " + table.tableName(), e);
    }
    return new Orphans(table.tableName(), removed, young);
  }

  private static Orphans removeObjects(LakeTable table, Table t, Set<String> referenced, Instant olderThan) {
    if (!(t.io() instanceof org.apache.iceberg.io.SupportsPrefixOperations io)) {
      throw new IllegalStateException("Cannot remove orphan files of " + table.tableName() + ": its FileIO "
          + t.io().getClass().getName() + " cannot list " + t.location());
    }
    String prefix = t.location().endsWith("/") ? t.location() : t.location() + "/";
    List<String> removed = new java.util.ArrayList<>();
    int young = 0;
    for (org.apache.iceberg.io.FileInfo f : io.listPrefix(prefix)) {
      if (f.location().endsWith("/")) {
        continue; // a folder marker (S3 consoles, S3Proxy's filesystem backend), not a file
      }
      String name = f.location().substring(f.location().lastIndexOf('/') + 1);
      if (referenced.contains(f.location()) || name.startsWith(".") || name.equals("version-hint.text")) {
        continue;
      }
      if (Instant.ofEpochMilli(f.createdAtMillis()).isAfter(olderThan)) {
        young++;
        continue;
      }
      io.deleteFile(f.location());
      removed.add(f.location());
    }
    return new Orphans(table.tableName(), removed, young);
  }

  private static int count(Table t) {
    int n = 0;
    for (Snapshot ignored : t.snapshots()) {
      n++;
    }
    return n;
  }

  private static String local(String location) {
    return LakeSnapshots.localPath(location);
  }
}
