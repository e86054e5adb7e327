package dev.leakproof.schemas.events;

import dev.leakproof.core.EventStream;

/**
 * One event as it arrived: a line of an event file, or a record of an event topic.
 *
 * @param sourceFile where it came from: the file's name, or {@code kafka:<topic>/<partition>}
 * @param lineNo 1-based line number in its file, or the record's offset + 1 in its partition
 * @param seq the event's place in arrival order across all sources of its stream: lines are read
 *     in file-name order, so {@code seq} orders them as the spec's "arrival order"; a collected
 *     event carries the collector's sequence (the instant it was taken)
 * @param text the event's JSON text as it arrived
 * @param sourceIndex the source's index in the job's list of sources (the file's place, the
 *     partition), or -1 when the job looks it up by {@code sourceFile}
 * @param collectedAtMicros when the collector took the event (UTC microseconds), or
 *     {@link #NOT_COLLECTED} for a line of a file
 */
public record EventLine(EventStream stream, String sourceFile, long lineNo, long seq, String text, int sourceIndex,
    long collectedAtMicros) {

  /** Marks a line that did not come through the collector. */
  public static final long NOT_COLLECTED = Long.MIN_VALUE;

  /** Bits of {@link #seq} that hold the line number; the file's index in name order sits above. */
  public static final int LINE_BITS = 32;
  /** Bits of {@link #seq} that hold the file's index within one ingestion run. */
  public static final int FILE_BITS = 16;

  /** A line of a file, its source looked up by name. */
  public EventLine(EventStream stream, String sourceFile, long lineNo, long seq, String text) {
    this(stream, sourceFile, lineNo, seq, text, -1, NOT_COLLECTED);
  }

  /**
   * A heartbeat of a source: no event, only its place in arrival order, which moves the
   * watermark on when the source is quiet. The hygiene operators drop it.
   */
  public static EventLine heartbeat(EventStream stream, String source, long seq, int sourceIndex) {
    return new EventLine(stream, source, 0, seq, null, sourceIndex, NOT_COLLECTED);
  }

  /** True for a {@link #heartbeat}. */
  public boolean isHeartbeat() {
    return text == null;
  }

  /** The arrival sequence of line {@code lineNo} of the {@code fileIndex}-th file (both from 0/1). */
  public static long sequence(int fileIndex, long lineNo) {
    return sequence(0, fileIndex, lineNo);
  }

  /**
   * The arrival sequence of a line read by the {@code run}-th ingestion run into a lasting lake:
   * later runs arrive after earlier ones, files in name order within a run.
   */
  public static long sequence(int run, int fileIndex, long lineNo) {
    if (lineNo >= (1L << LINE_BITS)) {
      throw new IllegalArgumentException("Invalid line number: " + lineNo + " exceeds 2^" + LINE_BITS);
    }
    if (fileIndex < 0 || fileIndex >= (1 << FILE_BITS)) {
      throw new IllegalArgumentException("Invalid file index: " + fileIndex + " (one run reads at most 2^"
          + FILE_BITS + " files)");
    }
    if (run < 0 || run >= (1 << (63 - LINE_BITS - FILE_BITS))) {
      throw new IllegalArgumentException("Invalid ingestion run: " + run);
    }
    return ((long) run << (LINE_BITS + FILE_BITS)) | ((long) fileIndex << LINE_BITS) | lineNo;
  }
}
