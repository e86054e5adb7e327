package dev.leakproof.cli.bench;

import com.sun.net.httpserver.HttpServer;
import dev.leakproof.cli.alerts.AlertsSendCommand;
import dev.leakproof.cli.alerts.ThresholdAlerts;
import dev.leakproof.cli.renewals.Webhook;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.lake.MeteringLag;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The threshold notifications of {@code bench stream}: what {@code alerts send --follow} does
 * (the lake polled every 100 ms, each new threshold event posted once through the webhook client
 * and recorded in the notifications ledger) against a local webhook that notes when each arrived,
 * for the latency from the crossing event's arrival at the collector to its notification.
 */
final class ThresholdBench implements AutoCloseable {

  /** Threshold events raised, notified, and the latency figures (milliseconds). */
  record Figures(int events, int notified, long p50Ms, long p99Ms, long maxMs) {}

  private final HttpServer server;
  private final Map<String, Instant> received = new ConcurrentHashMap<>();
  private final Map<String, Instant> collected = new ConcurrentHashMap<>();
  private final Thread follower;
  private volatile boolean stop;
  private volatile int events;
  private volatile Exception failure;

  private ThresholdBench(Lake lake, Path warehouse) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", x -> {
      x.getRequestBody().readAllBytes();
      received.putIfAbsent(x.getRequestHeaders().getFirst("Idempotency-Key"), Instant.now());
      x.sendResponseHeaders(200, -1);
      x.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(AlertsSendCommand.IN_FLIGHT));
    server.start();
    Webhook hook = new Webhook(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"));
    ThresholdAlerts alerts = new ThresholdAlerts(lake);
    follower = new Thread(() -> {
      try {
        Set<String> sent = AlertsSendCommand.sentKeys(warehouse);
        Long seen = null;
        while (!stop) {
          ThresholdAlerts.Batch batch = alerts.since(seen);
          if (!Objects.equals(batch.snapshotId(), seen)) {
            seen = batch.snapshotId();
            events += batch.alerts().size();
            List<ThresholdAlerts.Alert> fresh = batch.alerts().stream().filter(a -> !sent.contains(a.key())).toList();
            fresh.forEach(a -> {
              if (a.collectedAt() != null) {
                collected.put("usage_threshold:" + a.key(), a.collectedAt());
              }
            });
            if (!fresh.isEmpty()) {
              AlertsSendCommand.send(AlertsSendCommand.KIND, fresh.stream().map(ThresholdAlerts.Alert::notice).toList(),
                  hook, warehouse, sent);
            }
          }
          Thread.sleep(100);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        failure = e;
      }
    }, "bench-threshold-notifier");
    follower.setDaemon(true);
    follower.start();
  }

  static ThresholdBench start(Lake lake, Path warehouse) throws Exception {
    return new ThresholdBench(lake, warehouse);
  }

  /** Waits until every threshold event in the lake was notified (and nothing new came for a second). */
  Figures awaitAll(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    int stableFor = 0;
    while (stableFor < 10 && System.nanoTime() < deadline) {
      if (failure != null) {
        throw failure;
      }
      stableFor = received.size() >= events ? stableFor + 1 : 0;
      Thread.sleep(100);
    }
    long[] lat = received.entrySet().stream().filter(e -> collected.containsKey(e.getKey()))
        .mapToLong(e -> Duration.between(collected.get(e.getKey()), e.getValue()).toMillis()).sorted().toArray();
    if (lat.length == 0) {
      return new Figures(events, received.size(), 0, 0, 0);
    }
    return new Figures(events, received.size(), MeteringLag.rank(lat, 50), MeteringLag.rank(lat, 99),
        lat[lat.length - 1]);
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    follower.join(10_000);
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
