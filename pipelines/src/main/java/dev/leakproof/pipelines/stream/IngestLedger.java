package dev.leakproof.pipelines.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.leakproof.core.EventStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The record of the ingestion runs into a lasting lake: for each run its number, its event files
 * (name, size, lines) and whether it completed. A run is written as running before its job starts
 * and as done once its savepoint is taken, so a run killed in between is finished on the next call
 * with the same files, from its own checkpoint: nothing is read twice, nothing skipped.
 */
public final class IngestLedger {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One event file of a run. */
  public record FileEntry(String stream, String name, long size, long lines) {
    public EventStream eventStream() {
      return EventStream.valueOf(stream.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** One run: {@code status} is {@code running} until its savepoint, then {@code done}. */
  public record Run(int run, String asOf, String status, String startedAt, String finishedAt, List<FileEntry> files) {
    public Run {
      files = List.copyOf(files);
    }

    public boolean done() {
      return "done".equals(status);
    }

    public long lines() {
      return files.stream().mapToLong(FileEntry::lines).sum();
    }
  }

  /** The file's content. */
  public record Runs(List<Run> runs) {
    public Runs {
      runs = List.copyOf(runs == null ? List.of() : runs);
    }
  }

  private final Path file;

  public IngestLedger(Path file) {
    this.file = file;
  }

  public List<Run> runs() throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    return JSON.readValue(file.toFile(), Runs.class).runs();
  }

  /** The last run, if any. */
  public Optional<Run> last() throws IOException {
    List<Run> runs = runs();
    return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
  }

  /** The file of a stream ingested by a completed run, if any. */
  public Optional<FileEntry> ingested(EventStream stream, String name) throws IOException {
    for (Run r : runs()) {
      if (!r.done()) {
        continue;
      }
      for (FileEntry f : r.files()) {
        if (f.stream().equals(stream.key()) && f.name().equals(name)) {
          return Optional.of(f);
        }
      }
    }
    return Optional.empty();
  }

  /** Adds a run or replaces the run of the same number, atomically. */
  public void put(Run run) throws IOException {
    List<Run> runs = new ArrayList<>();
    for (Run r : runs()) {
      if (r.run() != run.run()) {
        runs.add(r);
      }
    }
    runs.add(run);
    runs.sort(java.util.Comparator.comparingInt(Run::run));
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), new Runs(runs));
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
