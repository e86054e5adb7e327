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

  /**
   * Finds {@code <root>/.../_metadata} at the given depth; folders Flink deletes meanwhile (its own
   * retention of checkpoints) are skipped, not an error.
   */
  private static void collect(Path root, int depth, boolean savepoint, List<Snapshot> out) {
    List<Path> level = List.of(root);
    for (int d = 0; d < depth; d++) {
      List<Path> next = new ArrayList<>();
      for (Path dir : level) {
        next.addAll(children(dir));
      }
      level = next;
    }
    for (Path snapshot : level) {
      if (!savepoint && !snapshot.getFileName().toString().startsWith("chk-")) {
        continue;
      }
      try {
        out.add(new Snapshot(snapshot, Files.getLastModifiedTime(snapshot.resolve("_metadata")), savepoint));
      } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException e) {
        // not complete yet, or removed by Flink meanwhile
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the job state in " + snapshot, e);
      }
    }
  }

  private static List<Path> children(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isDirectory).toList();
    } catch (java.nio.file.NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the job state in " + dir, e);
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
    for (Path job : children(checkpoints())) {
      boolean hasCheckpoint = children(job).stream().anyMatch(p -> p.getFileName().toString().startsWith("chk-"));
      if (!hasCheckpoint && !newest.path().startsWith(job)) {
        deleteTree(job);
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
