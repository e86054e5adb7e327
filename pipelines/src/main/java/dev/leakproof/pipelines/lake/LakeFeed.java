package dev.leakproof.pipelines.lake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What feeds a lasting lake: the continuous job over the event topics, or ingestion runs over
 * event files. Each keeps its own exactly-once state (which events it has seen), so one lake takes
 * one feed: an event streamed and then ingested from a file would otherwise be counted twice. The
 * first writer records its kind in the lake folder; the other is refused with a clear message.
 */
public enum LakeFeed {
  STREAM("the continuous job (leakproof stream)"),
  FILES("ingestion runs over event files (leakproof ingest)");

  private final String description;

  LakeFeed(String description) {
    this.description = description;
  }

  private static final String MARKER = ".leakproof-feed";

  /**
   * Records {@code feed} as the lake's, or checks that it is.
   *
   * @throws IllegalStateException when the lake is fed by the other kind
   */
  public static void claim(Path lakeDir, LakeFeed feed) throws IOException {
    Files.createDirectories(lakeDir);
    Path marker = lakeDir.resolve(MARKER);
    if (Files.exists(marker)) {
      String existing = Files.readString(marker).strip();
      if (!existing.equalsIgnoreCase(feed.name())) {
        LakeFeed other = LakeFeed.valueOf(existing.toUpperCase(Locale.ROOT));
        throw new IllegalStateException("Cannot feed the lake in " + lakeDir + " with " + feed.description
            + ": it is fed by " + other.description + "; use another --work-dir");
      }
      return;
    }
    Files.writeString(marker, feed.name() + "\n");
  }
}
