package dev.leakproof.pipelines.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a continuous job keeps its state: retained checkpoints ({@code checkpoints/<job id>/chk-N})
 * and savepoints ({@code savepoints/savepoint-...}). A restart resumes from the newest complete one
 * (its {@code _metadata} written), whether the last run stopped with a savepoint or was killed;
 * resuming from anything older would let the lake commit what it already committed.
 */
public final class JobStateDir {

  private final Path dir;

  public JobStateDir(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  public Path checkpoints() {
    return dir.resolve("checkpoints");
  }

  public Path savepoints() {
    return dir.resolve("savepoints");
  }

  /** A complete checkpoint or savepoint. */
  public record Snapshot(Path path, FileTime completed, boolean savepoint) {
    /** The job id of a checkpoint (its parent folder's name), or null for a savepoint. */
    public String jobId() {
      return savepoint ? null : path.getParent().getFileName().toString();
    }
  }

  /** Every complete checkpoint and savepoint, newest first. */
  public List<Snapshot> all() {
    List<Snapshot> out = new ArrayList<>();
    collect(checkpoints(), 2, false, out);
    collect(savepoints(), 1, true, out);
    out.sort(Comparator.comparing(Snapshot::completed).reversed());
    return out;
  }

  /** The newest complete checkpoint or savepoint, the one a restart resumes from. */
  public Optional<Snapshot> latest() {
    List<Snapshot> all = all();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  private static void collect(Path root, int depth, boolean savepoint, List<Snapshot> out) {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> found = Files.find(root, depth + 1,
        (p, a) -> a.isRegularFile() && p.getFileName().toString().equals("_metadata"))) {
      for (Path metadata : found.toList()) {
        Path snapshot = metadata.getParent();
        if (!savepoint && !snapshot.getFileName().toString().startsWith("chk-")) {
          continue;
        }
        out.add(new Snapshot(snapshot, Files.getLastModifiedTime(metadata), savepoint));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the job state in " + root, e);
    }
  }

  /**
   * Deletes every checkpoint and savepoint older than {@code newest}, keeping {@code newest}
   * and the {@code keepSavepoints} newest savepoints (a fallback an operator may choose by hand).
   */
  public void pruneOlderThan(Snapshot newest, int keepSavepoints) {
    int savepointsKept = 0;
    for (Snapshot s : all()) {
      boolean keep = s.path().equals(newest.path()) || s.completed().compareTo(newest.completed()) > 0;
      if (s.savepoint() && savepointsKept < keepSavepoints) {
        savepointsKept++;
        keep = true;
      }
      if (!keep) {
        deleteTree(s.path());
      }
    }
    // job folders left without any checkpoint (Flink keeps shared/ and taskowned/ in them)
    if (Files.isDirectory(checkpoints())) {
      try (Stream<Path> jobs = Files.list(checkpoints())) {
        for (Path job : jobs.toList()) {
          boolean hasCheckpoint;
          try (Stream<Path> inside = Files.list(job)) {
            hasCheckpoint = inside.anyMatch(p -> p.getFileName().toString().startsWith("chk-"));
          }
          if (!hasCheckpoint && !newest.path().startsWith(job)) {
            deleteTree(job);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot prune the job state in " + dir, e);
      }
    }
  }

  /** Deletes a folder; files Flink removes at the same time (its own retention) are no error. */
  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
        @Override
        public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs)
            throws IOException {
          Files.deleteIfExists(file);
          return java.nio.file.FileVisitResult.CONTINUE;
        }

        @Override
        public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof java.nio.file.NoSuchFileException) {
            return java.nio.file.FileVisitResult.CONTINUE;
          }
          throw e;
        }

        @Override
        public java.nio.file.FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          if (e != null && !(e instanceof java.nio.file.NoSuchFileException)) {
            throw e;
          }
          try {
            Files.deleteIfExists(dir);
          } catch (java.nio.file.DirectoryNotEmptyException busy) {
            // Flink wrote into it meanwhile; the next prune takes it
          }
          return java.nio.file.FileVisitResult.CONTINUE;
        }
      });
    } catch (java.nio.file.NoSuchFileException e) {
      // gone already
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + root, e);
    }
  }
}
