package dev.leakproof.pipelines.testutils;

import dev.leakproof.pipelines.collector.CollectedRequest;
import dev.leakproof.pipelines.collector.EventSink;
import dev.leakproof.pipelines.collector.SinkUnavailableException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** An {@link EventSink} that keeps what it is given in memory, and can be switched off. */
public final class InMemorySink implements EventSink {

  private final List<CollectedRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong events = new AtomicLong();
  private volatile boolean available = true;
  private volatile boolean closed;

  @Override
  public CompletableFuture<Void> write(CollectedRequest request) {
    if (!available || closed) {
      return CompletableFuture.failedFuture(new SinkUnavailableException("Cannot write: the sink is off", null));
    }
    requests.add(request);
    transactions.incrementAndGet();
    events.addAndGet(request.events().size());
    return CompletableFuture.completedFuture(null);
  }

  /** Switches the sink on or off, as Kafka coming and going. */
  public void available(boolean on) {
    this.available = on;
  }

  @Override
  public boolean available() {
    return available && !closed;
  }

  @Override
  public Stats stats() {
    return new Stats(transactions.get(), 0, events.get());
  }

  /** The requests written, in order. */
  public List<CollectedRequest> requests() {
    return List.copyOf(requests);
  }

  public boolean closed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
  }
}
