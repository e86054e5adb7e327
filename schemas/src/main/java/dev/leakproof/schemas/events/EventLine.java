package dev.leakproof.schemas.events;

import dev.leakproof.core.EventStream;

/**
 * One line of an event file as it arrived.
 *
 * @param lineNo 1-based line number in its file
 * @param seq the line's place in arrival order across all files of its stream: lines are read in
 *     file-name order, so {@code seq} orders them as the spec's "arrival order"
 */
public record EventLine(EventStream stream, String sourceFile, long lineNo, long seq, String text) {

  /** Bits of {@link #seq} that hold the line number; the file's index in name order sits above. */
  public static final int LINE_BITS = 40;

  /** The arrival sequence of line {@code lineNo} of the {@code fileIndex}-th file (both from 0/1). */
  public static long sequence(int fileIndex, long lineNo) {
    if (lineNo >= (1L << LINE_BITS)) {
      throw new IllegalArgumentException("Invalid line number: " + lineNo + " exceeds 2^" + LINE_BITS);
    }
    return ((long) fileIndex << LINE_BITS) | lineNo;
  }
}
