package dev.leakproof.cli.stream;

import dev.leakproof.cli.support.Console;
import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.collector.ApiKeys;
import dev.leakproof.pipelines.collector.CollectorConfig;
import dev.leakproof.pipelines.collector.EventCollector;
import dev.leakproof.pipelines.kafka.EventTopics;
import dev.leakproof.pipelines.kafka.KafkaSettings;
import dev.leakproof.pipelines.kafka.LocalKafkaBroker;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.lake.LakeTable;
import dev.leakproof.pipelines.stream.ContinuousSettings;
import dev.leakproof.pipelines.stream.RunningJob;
import dev.leakproof.pipelines.stream.StreamJob;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The streaming demo's middle: a local Kafka broker (its own process), the continuous job and the
 * collector, and a client replaying a dataset's event files through the collector in arrival order
 * at a chosen rate, while the lake catches up; then the job stops with a savepoint and the broker
 * stops. What the lake holds is then audited like any lake.
 */
public final class StreamReplay {

  private static final String KEY = "demo-key-0123456789abcdef";

  private final Console console;

  public StreamReplay(Console console) {
    this.console = console;
  }

  /** What the replay did. */
  public record Replayed(long lines, long lakeRows, Duration jobRuntime) {}

  /**
   * Replays {@code dataset}'s events into the lake under {@code work} at {@code rate} events/s
   * (0: as fast as the collector takes them).
   */
  public Replayed run(Path dataset, Path work, long rate) throws Exception {
    LocalKafkaBroker broker = new LocalKafkaBroker(work.resolve("kafka"), dev.leakproof.pipelines.servers.LoopbackPorts.free(), dev.leakproof.pipelines.servers.LoopbackPorts.free(),
        System.getProperty("java.class.path"));
    console.line("Starting a Kafka broker (a separate process, KRaft) at " + broker.bootstrapServers() + " ...");
    broker.start(Duration.ofSeconds(90));
    try {
      KafkaSettings kafka = KafkaSettings.local(broker.bootstrapServers());
      try (EventTopics topics = new EventTopics(kafka)) {
        topics.awaitCluster(Duration.ofSeconds(60));
        topics.ensure();
      }
      List<String[]> batches = batches(dataset);
      long lines = batches.stream().mapToLong(b -> b.length - 1).sum();
      ContinuousSettings settings = ContinuousSettings.defaults(2).withCheckpointInterval(Duration.ofSeconds(2));
      CollectorConfig collectorConfig = CollectorConfig.from(Map.of("collector.port", "0",
          "collector.rate-limit.requests-per-second", "10000", "collector.rate-limit.burst", "10000"));
      long jobStart = System.nanoTime();
      try (RunningJob job = new StreamJob(new StreamJob.Config(kafka, work, dataset, settings)).start();
           EventCollector collector = EventCollector.toKafka(collectorConfig, ApiKeys.of(Map.of("demo", KEY)),
               new ReferenceFiles(dataset, 30_000), kafka).start()) {
        console.line(String.format(Locale.ROOT, "Collector at %s, the continuous job streaming into %s; replaying "
            + "%,d events%s", collector.eventsUrl(), work.resolve("lake"), lines,
            rate > 0 ? String.format(Locale.ROOT, " at %,d events/s", rate) : ""));
        Lake lake = new Lake(work.resolve("lake"));
        replay(collector.eventsUrl(), batches, rate, lake, job);
        long rows = awaitLake(lake, lines, job);
        job.stopWithSavepoint(Duration.ofMinutes(5));
        console.line(String.format(Locale.ROOT, "The lake holds all %,d events (%,d rows: accepted, quarantined and "
            + "duplicates); the job stopped with a savepoint", lines, rows));
        return new Replayed(lines, rows, Duration.ofNanos(System.nanoTime() - jobStart));
      }
    } finally {
      broker.stop(Duration.ofSeconds(30));
    }
  }

  private void replay(String url, List<String[]> batches, long rate, Lake lake, RunningJob job) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    long start = System.nanoTime();
    long posted = 0;
    long lastReport = start;
    for (String[] batch : batches) {
      if (rate > 0) {
        long wait = start + (long) (posted * 1e9 / rate) - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
      String body = String.join("\n", java.util.Arrays.copyOfRange(batch, 1, batch.length)) + "\n";
      while (true) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "?stream=" + batch[0]))
            .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 202) {
          break;
        }
        if (job.ended()) {
          throw new IllegalStateException("The stream job ended during the replay");
        }
        Thread.sleep(500);
      }
      posted += batch.length - 1;
      if (System.nanoTime() - lastReport > 2_000_000_000L) {
        lastReport = System.nanoTime();
        console.line(String.format(Locale.ROOT, "  replay: %,d events posted; the lake has committed %,d rows",
            posted, committed(lake)));
      }
    }
  }

  private long awaitLake(Lake lake, long lines, RunningJob job) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    long rows;
    while ((rows = committed(lake)) < lines) {
      if (job.ended() || System.nanoTime() > deadline) {
        throw new IllegalStateException("The lake did not catch up: " + rows + " of " + lines + " rows");
      }
      Thread.sleep(500);
    }
    return rows;
  }

  private static long committed(Lake lake) {
    long rows = 0;
    for (LakeTable t : LakeTable.values()) {
      try {
        org.apache.iceberg.Snapshot s = lake.load(t).currentSnapshot();
        rows += s == null ? 0 : Long.parseLong(s.summary().getOrDefault("total-records", "0"));
      } catch (org.apache.iceberg.exceptions.NoSuchTableException e) {
        // not created yet
      }
    }
    return rows;
  }

  /** The dataset's events in arrival order (usage files, then seat files), 500 a request. */
  private static List<String[]> batches(Path dataset) throws IOException {
    List<String[]> out = new ArrayList<>();
    for (EventStream stream : EventStream.values()) {
      List<String> current = new ArrayList<>();
      current.add(stream.key());
      for (Path f : EventFiles.find(dataset, stream)) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          current.add(line);
          if (current.size() == 501) {
            out.add(current.toArray(new String[0]));
            current = new ArrayList<>();
            current.add(stream.key());
          }
        }
      }
      if (current.size() > 1) {
        out.add(current.toArray(new String[0]));
      }
    }
    return out;
  }
}
