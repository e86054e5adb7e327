package dev.leakproof.pipelines.collector;

import static dev.leakproof.pipelines.testutils.CollectorFixtures.WEB_KEY;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.post;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.seat;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.usage;

import dev.leakproof.pipelines.testutils.CollectorFixtures;
import dev.leakproof.pipelines.testutils.TestBroker;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of the collector on a real local broker: {@code threads} clients post 1,000-event
 * NDJSON batches for {@code seconds}; prints events/s and request latencies. A measurement, not a
 * test: run its main with the test class path, e.g.
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.leakproof.pipelines.collector.CollectorBench 4 30}.
 */
public final class CollectorBench {

  private CollectorBench() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Path dir = Files.createTempDirectory("collector-bench");
    try (TestBroker broker = TestBroker.start(dir.resolve("kafka"), 4);
         EventCollector c = EventCollector.toKafka(CollectorConfig.from(Map.of("collector.port", "0",
             "collector.rate-limit.requests-per-second", "100000", "collector.rate-limit.burst", "100000")),
             CollectorFixtures.keys(), CollectorFixtures.reference(dir.resolve("ref")), broker.settings()).start()) {
      run(c, threads, 5, "warm-up");
      run(c, threads, seconds, "measured");
    }
  }

  private static void run(EventCollector c, int threads, int seconds, String label) throws Exception {
    AtomicLong events = new AtomicLong();
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        for (int r = 0; System.nanoTime() < end; r++) {
          StringBuilder body = new StringBuilder(1000 * 160);
          for (int i = 0; i < 1000; i++) {
            String id = label + "-" + thread + "-" + r + "-" + i;
            body.append(i % 5 == 0 ? seat(id, "ws-" + (1 + i % 3), "u" + i, "added")
                : usage(id, "ws-" + (1 + i % 3), "api_calls", "1.5")).append('\n');
          }
          long t0 = System.nanoTime();
          HttpResponse<String> response = post(c.eventsUrl(), "application/x-ndjson", body.toString(), WEB_KEY);
          latencies.add(System.nanoTime() - t0);
          if (response.statusCode() != 202) {
            throw new IllegalStateException("Unexpected " + response.statusCode() + ": " + response.body());
          }
          events.addAndGet(1000);
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    String metrics = CollectorFixtures.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
        "http://127.0.0.1:" + c.port() + "/metrics")).build()).body();
    System.out.printf("%s: %d threads, %d events in %.1f s = %.0f events/s; request latency p50 %.1f ms,"
        + " p99 %.1f ms%n  metrics so far: %s%n", label, threads, events.get(), elapsed, events.get() / elapsed,
        sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, metrics);
  }
}
