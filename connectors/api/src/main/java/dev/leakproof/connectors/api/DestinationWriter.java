package dev.leakproof.connectors.api;

import java.util.List;

/**
 * Writes sync records to one destination object, like Flink's Sink V2 writer or Kafka Connect's
 * SinkTask: records are buffered by {@link #write}, sent by {@link #flush}, and every record
 * written comes back exactly once in some flush's results, accepted or not. Not thread-safe.
 */
public interface DestinationWriter extends AutoCloseable {

  /** Buffers a record; may send a full batch and return its results. */
  List<WriteResult> write(SyncRecord record) throws DestinationException;

  /**
   * Sends what is buffered and returns the results of every record not yet reported.
   *
   * @param endOfInput true when no record follows, so the writer may finish remote jobs
   */
  List<WriteResult> flush(EndOfInput endOfInput) throws DestinationException;

  /** Releases connections; records not flushed are not sent. */
  @Override
  void close() throws DestinationException;

  /** Whether a flush is the last one of a run. */
  enum EndOfInput { MORE_TO_COME, END_OF_INPUT }
}
