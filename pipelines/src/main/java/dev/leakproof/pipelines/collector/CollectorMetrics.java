package dev.leakproof.pipelines.collector;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The collector's counters, served as JSON by {@code GET /metrics}: event requests by HTTP status,
 * events accepted and rejected by reason (counted when the request is answered 202), the sink's
 * transactions, and events per second over the last ten seconds.
 */
final class CollectorMetrics {

  private static final int WINDOW_SECONDS = 10;

  private final Map<Integer, LongAdder> requests = new ConcurrentHashMap<>();
  private final LongAdder accepted = new LongAdder();
  private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
  private final long[] windowCounts = new long[WINDOW_SECONDS];
  private final long[] windowSeconds = new long[WINDOW_SECONDS];

  void request(int status) {
    requests.computeIfAbsent(status, s -> new LongAdder()).increment();
  }

  /** Counts the events of a request answered 202. */
  void answered(List<JudgedEvent> events) {
    for (JudgedEvent e : events) {
      if (e.accepted()) {
        accepted.increment();
      } else {
        rejected.computeIfAbsent(e.rejection().reason(), r -> new LongAdder()).increment();
      }
    }
    long second = System.nanoTime() / 1_000_000_000L;
    synchronized (windowCounts) {
      int slot = (int) (second % WINDOW_SECONDS);
      if (windowSeconds[slot] != second) {
        windowSeconds[slot] = second;
        windowCounts[slot] = 0;
      }
      windowCounts[slot] += events.size();
    }
  }

  long accepted() {
    return accepted.sum();
  }

  long rejected() {
    return rejected.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Events answered per second, over the last ten seconds. */
  double eventsPerSecond() {
    long now = System.nanoTime() / 1_000_000_000L;
    long sum = 0;
    synchronized (windowCounts) {
      for (int i = 0; i < WINDOW_SECONDS; i++) {
        if (now - windowSeconds[i] < WINDOW_SECONDS) {
          sum += windowCounts[i];
        }
      }
    }
    return sum / (double) WINDOW_SECONDS;
  }

  byte[] json(EventSink.Stats sink, boolean sinkAvailable) {
    return Reply.write(g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("requests");
      for (Map.Entry<Integer, LongAdder> e : new TreeMap<>(requests).entrySet()) {
        g.writeNumberField(String.valueOf(e.getKey()), e.getValue().sum());
      }
      g.writeEndObject();
      g.writeObjectFieldStart("events");
      g.writeNumberField("accepted", accepted.sum());
      g.writeObjectFieldStart("rejected");
      for (Map.Entry<String, LongAdder> e : new TreeMap<>(rejected).entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue().sum());
      }
      g.writeEndObject();
      g.writeNumberField("written", sink.committedEvents());
      g.writeEndObject();
      g.writeObjectFieldStart("transactions");
      g.writeNumberField("committed", sink.committedTransactions());
      g.writeNumberField("failed", sink.failedTransactions());
      g.writeEndObject();
      g.writeNumberField("events_per_second", Math.round(eventsPerSecond() * 10) / 10.0);
      g.writeStringField("kafka", sinkAvailable ? "reachable" : "unreachable");
      g.writeEndObject();
    });
  }
}
