package dev.leakproof.cli.bench;

import dev.leakproof.cli.GenerateCommand;
import dev.leakproof.cli.support.Console;
import dev.leakproof.core.EventStream;
import dev.leakproof.datagen.GeneratorConfig;
import dev.leakproof.pipelines.collector.ApiKeys;
import dev.leakproof.pipelines.collector.CollectorConfig;
import dev.leakproof.pipelines.collector.EventCollector;
import dev.leakproof.pipelines.kafka.EventTopics;
import dev.leakproof.pipelines.kafka.KafkaSettings;
import dev.leakproof.pipelines.kafka.LocalKafkaBroker;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.lake.LakeTable;
import dev.leakproof.pipelines.servers.LoopbackPorts;
import dev.leakproof.pipelines.stream.RunningJob;
import dev.leakproof.schemas.events.EventFiles;
import dev.leakproof.schemas.events.ReferenceFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the stream benchmarks share to drive the system from outside: a generated dataset, a broker
 * process with the event topics and a collector in front of it; the dataset's events as NDJSON
 * requests posted from client threads (at a rate, or as fast as the collector takes them); and the
 * wait until a lake holds every line.
 */
final class EventBacklog {

  /** The API key the benchmarks' collector is given. */
  static final String KEY = "bench-key-0123456789abcdef";

  /** One request's NDJSON body and how many events it holds. */
  record Request(EventStream stream, String body, int count) {}

  private EventBacklog() {}

  /** Generates the benchmark's dataset (12 months up to yesterday) into {@code dataset}; its event files per stream. */
  static Map<EventStream, List<Path>> generate(Path dataset, int accounts, long seed, long usageEvents, Console console)
      throws IOException {
    GenerateCommand.generate(GeneratorConfig.defaults(accounts, 12, seed, LocalDate.now(ZoneOffset.UTC).minusDays(1))
        .withUsageEvents(usageEvents), dataset, console);
    Map<EventStream, List<Path>> files = new LinkedHashMap<>();
    for (EventStream s : EventStream.values()) {
      files.put(s, EventFiles.find(dataset, s));
    }
    return files;
  }

  /** A Kafka broker process in {@code dir} on free loopback ports, started; the caller stops it. */
  static LocalKafkaBroker startBroker(Path dir) throws Exception {
    LocalKafkaBroker broker = new LocalKafkaBroker(dir, LoopbackPorts.free(), LoopbackPorts.free(),
        System.getProperty("java.class.path"));
    broker.start(Duration.ofSeconds(90));
    return broker;
  }

  /** The broker's settings, with both event topics created at {@code partitions} partitions. */
  static KafkaSettings topics(LocalKafkaBroker broker, int partitions) throws Exception {
    KafkaSettings kafka = new KafkaSettings(broker.bootstrapServers(), "usage_events", "seat_events", partitions,
        (short) 1, KafkaSettings.Security.NONE);
    try (EventTopics topics = new EventTopics(kafka)) {
      topics.awaitCluster(Duration.ofSeconds(60));
      topics.ensure();
    }
    return kafka;
  }

  /** A collector on a free port writing to {@code kafka}, taking {@link #KEY}, with no rate limit to speak of. */
  static EventCollector startCollector(KafkaSettings kafka, Path dataset) throws Exception {
    CollectorConfig config = CollectorConfig.from(Map.of("collector.port", "0",
        "collector.rate-limit.requests-per-second", "100000", "collector.rate-limit.burst", "100000"));
    return EventCollector.toKafka(config, ApiKeys.of(Map.of("bench", KEY)), new ReferenceFiles(dataset, 30_000), kafka)
        .start();
  }

  /** The files' lines in requests of {@code batch} lines (a line over 60 kB, which the collector refuses, is left out). */
  static List<Request> requests(Map<EventStream, List<Path>> files, int batch) throws IOException {
    List<Request> out = new ArrayList<>();
    for (Map.Entry<EventStream, List<Path>> e : files.entrySet()) {
      StringBuilder b = new StringBuilder();
      int n = 0;
      for (Path f : e.getValue()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (line.getBytes(StandardCharsets.UTF_8).length > 60_000) {
            continue;
          }
          b.append(line).append('\n');
          if (++n == batch) {
            out.add(new Request(e.getKey(), b.toString(), n));
            b.setLength(0);
            n = 0;
          }
        }
      }
      if (n > 0) {
        out.add(new Request(e.getKey(), b.toString(), n));
      }
    }
    return out;
  }

  static long lines(List<Request> requests) {
    return requests.stream().mapToLong(Request::count).sum();
  }

  /**
   * Posts every request from {@code clients} threads, each retried until the collector accepts it
   * (202); at {@code rate} events a second when positive.
   */
  static void post(String url, List<Request> requests, int clients, long rate, Console console) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    AtomicLong next = new AtomicLong();
    AtomicLong sent = new AtomicLong();
    long[] before = new long[requests.size()];
    for (int i = 1; i < requests.size(); i++) {
      before[i] = before[i - 1] + requests.get(i - 1).count;
    }
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> futures = new ArrayList<>();
    try (Console.Progress progress = console.progress("post", lines(requests), "events")) {
      for (int c = 0; c < clients; c++) {
        futures.add(pool.submit(() -> {
          int i;
          while ((i = (int) next.getAndIncrement()) < requests.size()) {
            Request r = requests.get(i);
            if (rate > 0) {
              long due = t0 + (long) (before[i] * 1e9 / rate);
              long wait = due - System.nanoTime();
              if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
              }
            }
            while (true) {
              HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url + "?stream=" + r.stream.key()))
                  .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/x-ndjson")
                  .POST(HttpRequest.BodyPublishers.ofString(r.body)).build(), HttpResponse.BodyHandlers.ofString());
              if (res.statusCode() == 202) {
                break;
              }
              Thread.sleep(200);
            }
            progress.set(sent.addAndGet(r.count));
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /**
   * What the lake held when it had every line.
   *
   * @param firstRowsNanos when ({@link System#nanoTime}) the first rows were seen committed
   */
  record Landed(long rows, long firstRowsNanos) {}

  /**
   * Waits until the lake's four event tables hold {@code lines} rows (from the snapshots' summaries).
   *
   * @throws IllegalStateException if the job ends first
   */
  static Landed awaitLake(Lake lake, long lines, RunningJob job, Console console) throws Exception {
    long first = -1;
    try (Console.Progress progress = console.progress("commit", lines, "events")) {
      while (true) {
        long rows = rows(lake);
        progress.set(rows);
        if (rows > 0 && first < 0) {
          first = System.nanoTime();
        }
        if (rows >= lines) {
          return new Landed(rows, first);
        }
        if (job.ended()) {
          throw new IllegalStateException("The stream job ended: " + job.failure().map(Throwable::getMessage)
              .orElse("no failure reported"));
        }
        Thread.sleep(250);
      }
    }
  }

  /** Rows of the lake's four event tables (accepted, quarantined, duplicate), from the current snapshots. */
  static long rows(Lake lake) {
    long rows = 0;
    for (LakeTable t : List.of(LakeTable.USAGE_EVENTS, LakeTable.SEAT_EVENTS, LakeTable.EVENT_QUARANTINE,
        LakeTable.EVENT_DUPLICATES)) {
      org.apache.iceberg.Snapshot current = lake.load(t).currentSnapshot();
      rows += current == null ? 0 : Long.parseLong(current.summary().getOrDefault("total-records", "0"));
    }
    return rows;
  }
}
