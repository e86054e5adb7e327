package dev.leakproof.cli.bench;

import dev.leakproof.core.EventStream;
import dev.leakproof.schemas.events.DecodedEvent;
import dev.leakproof.schemas.events.EventLine;
import dev.leakproof.schemas.events.EventLineDecoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline the ingestion job is measured against: one thread reading the event files, decoding
 * each line with the same decoder, and deduplicating by event id in a hash map. No state backend,
 * no serialization, no lake: what is left of the job once Flink's own overhead is taken away.
 */
public final class BareLoop {

  /** Lines read, events kept (first of their id), and elapsed nanoseconds. */
  public record Result(long lines, long firstSeen, long nanos) {

    public double linesPerSecond() {
      return lines * 1e9 / nanos;
    }
  }

  private BareLoop() {}

  public static Result run(Map<EventStream, List<Path>> files) throws IOException {
    long start = System.nanoTime();
    EventLineDecoder decoder = new EventLineDecoder();
    long lines = 0;
    long kept = 0;
    for (Map.Entry<EventStream, List<Path>> e : files.entrySet()) {
      Map<String, long[]> seen = new HashMap<>(1 << 20);
      int fileIndex = 0;
      for (Path file : e.getValue()) {
        String name = file.getFileName().toString();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          String text;
          long lineNo = 0;
          while ((text = in.readLine()) != null) {
            lineNo++;
            lines++;
            DecodedEvent d = decoder.decode(
                new EventLine(e.getKey(), name, lineNo, EventLine.sequence(fileIndex, lineNo), text));
            if (d.decoded() && seen.putIfAbsent(d.eventId(), new long[] {d.contentHi(), d.contentLo()}) == null) {
              kept++;
            }
          }
        }
        fileIndex++;
      }
    }
    return new Result(lines, kept, System.nanoTime() - start);
  }
}
