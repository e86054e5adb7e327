package dev.leakproof.pipelines.collector;

import java.util.concurrent.CompletableFuture;

/**
 * Where the collector writes the events of a request: {@link KafkaEventWriter} in production, an
 * in-memory fake in tests. A request's events are written atomically: all of them become
 * visible, or none.
 */
public interface EventSink extends AutoCloseable {

  /**
   * Queues a request's events.
   *
   * @return completes once every event is durably committed; completes exceptionally with
   *     {@link SinkUnavailableException} when they were not (and may or may not become visible
   *     later, if the broker finished a commit it could not confirm)
   */
  CompletableFuture<Void> write(CollectedRequest request);

  /** False while the sink is known to be unable to write, so requests are refused at once. */
  boolean available();

  /** Counts of the sink's work so far. */
  Stats stats();

  /** Writes what is queued, then releases the sink; later writes fail. */
  @Override
  void close();

  /**
   * @param committedTransactions transactions committed
   * @param failedTransactions transactions aborted or left unconfirmed
   * @param committedEvents events in the committed transactions
   */
  record Stats(long committedTransactions, long failedTransactions, long committedEvents) {}
}
