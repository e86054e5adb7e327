package dev.leakproof.schemas.events;

import dev.leakproof.core.EventStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds a stream's event files in a dataset folder, in file-name order (the arrival order). */
public final class EventFiles {

  private EventFiles() {}

  /** The stream's {@code .jsonl} files sorted by name; empty when there are none. */
  public static List<Path> find(Path dataset, EventStream stream) throws IOException {
    try (Stream<Path> files = Files.list(dataset)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> stream.matches(p.getFileName().toString()))
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    }
  }
}
