package dev.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakproof.cli.testutils.CliProcess;
import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.IngestionConfig;
import dev.leakproof.pipelines.IngestionJob;
import dev.leakproof.pipelines.kafka.EventHeaders;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.testutils.LakeContent;
import dev.leakproof.pipelines.testutils.TestBroker;
import dev.leakproof.pipelines.testutils.TopicRecords;
import dev.leakproof.schemas.events.EventFiles;
import dev.leakproof.schemas.events.ReferenceData;
import dev.leakproof.schemas.tables.DatasetReader;
import dev.leakproof.schemas.tables.SourceData;
import dev.leakproof.schemas.tables.SourceTable;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming path end to end, with every piece a real process: a Kafka broker, the collector
 * ({@code leakproof collect}) and the continuous job ({@code leakproof stream}). The sample
 * dataset's events are posted in arrival order by a client that retries until each batch is
 * acknowledged, while the job is SIGKILLed and restarted, the collector is SIGKILLed and
 * restarted, and the broker is stopped and started again; bad input is posted along the way.
 * In the end: every event the client sent is in the topics, the lake holds exactly what one
 * bounded run over the topics' records holds (none lost, none twice), and the warehouse built
 * from the lake gives the findings of the batch audit of the same events.
 */
class StreamingCrashIT {

  private static final String KEY = "crash-test-key-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private int port;
  private final List<Integer> statuses = new ArrayList<>();

  @Test
  void eventsLandOnceThroughCrashesOfTheJobTheCollectorAndTheBroker() throws Exception {
    Path data = CliTestSupport.copySample(tmp.resolve("data"));
    Path work = tmp.resolve("work");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Map<String, String> env = Map.of("LEAKPROOF_COLLECTOR_KEYS", "crash=" + KEY);
    List<String[]> batches = batches(data, 250);

    try (TestBroker broker = TestBroker.start(tmp.resolve("kafka"), 4)) {
      String servers = broker.settings().bootstrapServers();
      port = TestBroker.freePort();
      CliProcess collector = startCollector(env, data, servers);
      CliProcess job = startJob(env, data, work, servers);
      try {
        for (int i = 0; i < batches.size(); i++) {
          if (i == batches.size() * 3 / 10) {
            job.kill();
            job = startJob(env, data, work, servers);
          }
          if (i == batches.size() * 45 / 100) {
            badInput();
          }
          if (i == batches.size() * 55 / 100) {
            collector.kill();
            collector = startCollector(env, data, servers);
          }
          if (i == batches.size() * 8 / 10) {
            broker.broker().stop(Duration.ofSeconds(30));
            Thread restart = new Thread(() -> {
              try {
                Thread.sleep(8000);
                broker.broker().start(Duration.ofSeconds(90));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
            restart.start();
            post(batches.get(i));
            restart.join();
            continue;
          }
          post(batches.get(i));
        }
        assertThat(statuses).as("503 while the broker was down, then 202").contains(503);

        // the oracle: one bounded run over what the topics hold, in arrival order
        List<ConsumerRecord<byte[], byte[]>> records = TopicRecords.readCommitted(broker.settings());
        Map<String, Integer> inTopics = new HashMap<>();
        records.forEach(r -> inTopics.merge(new String(r.value(), StandardCharsets.UTF_8), 1, Integer::sum));
        for (String[] batch : batches) {
          for (int j = 1; j < batch.length; j++) {
            assertThat(inTopics).as("an event the client sent is in the topics").containsKey(batch[j]);
          }
        }
        LakeContent expected = oracle(records, data, today);

        Lake lake = new Lake(work.resolve("lake"));
        LakeContent actual = awaitLake(lake, expected, job);
        assertThat(actual.counts()).isEqualTo(expected.counts());
        assertThat(actual).isEqualTo(expected);

        assertThat(job.stop(Duration.ofMinutes(3))).as(job.output()).isZero();
        assertThat(job.output()).contains("Stopped; savepoint ");
        assertThat(collector.stop(Duration.ofMinutes(1))).as(collector.output()).isZero();
      } finally {
        job.close();
        collector.close();
      }
    }

    // the warehouse follows the lake and gives the batch audit's findings
    Path warehouse = work.resolve("warehouse.duckdb");
    Map<String, String> wenv = Map.of("LEAKPROOF_WAREHOUSE", warehouse.toString());
    CliTestSupport.Out ingest = CliTestSupport.process(tmp, wenv, 600, "ingest", "--events", "lake", "--dataset",
        data.toString(), "--as-of", today.toString(), "--work-dir", work.toString());
    assertThat(ingest.code()).as(ingest.stdout() + ingest.stderr()).isZero();
    CliTestSupport.Out build = CliTestSupport.process(tmp, wenv, 600, "models", "build", "--vars",
        "{as_of: " + today + "}");
    assertThat(build.code()).as(build.stdout() + build.stderr()).isZero();
    CliTestSupport.Out export = CliTestSupport.process(tmp, wenv, 600, "export", "--warehouse", warehouse.toString(),
        "--out", tmp.resolve("stream-out").toString());
    assertThat(export.code()).as(export.stderr()).isZero();
    CliTestSupport.Out audit = CliTestSupport.process(tmp, Map.of(), 600, "audit", "--dataset", data.toString(),
        "--as-of", today.toString(), "--out", tmp.resolve("audit").toString(), "--quiet");
    assertThat(audit.code()).as(audit.stderr()).isZero();
    assertThat(tmp.resolve("stream-out/findings.csv")).hasSameTextualContentAs(tmp.resolve("audit/findings.csv"));
  }

  /** Each batch: the stream first, then its lines, in file order (usage files, then seats). */
  private static List<String[]> batches(Path data, int size) throws IOException {
    List<String[]> out = new ArrayList<>();
    for (EventStream stream : EventStream.values()) {
      List<String> lines = new ArrayList<>();
      for (Path f : EventFiles.find(data, stream)) {
        lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
      for (int i = 0; i < lines.size(); i += size) {
        List<String> batch = new ArrayList<>();
        batch.add(stream.key());
        batch.addAll(lines.subList(i, Math.min(lines.size(), i + size)));
        out.add(batch.toArray(new String[0]));
      }
    }
    return out;
  }

  /** Posts a batch until it is acknowledged, as a client with retries does. */
  private void post(String[] batch) throws Exception {
    String body = String.join("\n", java.util.Arrays.copyOfRange(batch, 1, batch.length)) + "\n";
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (true) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/v1/events?stream=" + batch[0]))
            .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/x-ndjson")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        statuses.add(r.statusCode());
        if (r.statusCode() == 202) {
          return;
        }
        assertThat(r.statusCode()).as(r.body()).isIn(503, 429);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
      } catch (IOException e) {
        // the collector is down (killed): retry
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("A batch was not acknowledged within 3 minutes; statuses " + statuses);
      }
      Thread.sleep(500);
    }
  }

  /** Bad input never stops anything: each gets its HTTP or per-event error. */
  private void badInput() throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + port + "/v1/events?stream=usage");
    assertThat(send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer wrong-key-000000000000")
        .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString("{}\n")).build())
        .statusCode()).isEqualTo(401);
    byte[] tenMegabytes = new byte[10 * 1024 * 1024];
    java.util.Arrays.fill(tenMegabytes, (byte) ' ');
    assertThat(send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + KEY)
        .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofByteArray(tenMegabytes))
        .build()).statusCode()).isEqualTo(413);
    assertThat(send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + KEY)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("[{\"event_id\": ]"))
        .build()).statusCode()).isEqualTo(400);
    String big = "{\"event_id\": \"bad-big-1\", \"workspace_id\": \"ws-00001-0\", \"metric\": \"api_calls\", "
        + "\"quantity\": 1, \"occurred_at\": \"2026-01-01T00:00:00Z\", \"pad\": \"" + "x".repeat(1024 * 1024) + "\"}";
    String unknown = "{\"event_id\": \"bad-ws-1\", \"workspace_id\": \"ws-nobody\", \"metric\": \"api_calls\", "
        + "\"quantity\": 1, \"occurred_at\": \"2026-01-01T00:00:00Z\"}";
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + KEY)
        .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(big + "\n" + unknown))
        .build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode results = JSON.readTree(r.body()).get("results");
    assertThat(results.get(0).get("reason").asText()).isEqualTo("event_too_large");
    assertThat(results.get(1).get("reason").asText()).isEqualTo("unknown_workspace");
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("The collector dropped a bad request instead of answering it: " + e, e);
    }
  }

  private CliProcess startCollector(Map<String, String> env, Path data, String servers) throws Exception {
    CliProcess c = CliProcess.start(tmp.resolve("collector"), env, "512m", "collect", "--reference", data.toString(),
        "--port", String.valueOf(port), "--bootstrap-servers", servers);
    c.awaitOutput("Collecting on", Duration.ofSeconds(90));
    return c;
  }

  private CliProcess startJob(Map<String, String> env, Path data, Path work, String servers) throws Exception {
    CliProcess j = CliProcess.start(tmp.resolve("job"), env, "1g", "stream", "--work-dir", work.toString(),
        "--reference", data.toString(), "--bootstrap-servers", servers, "--checkpoint-interval", "1s",
        "--parallelism", "2");
    j.awaitOutput("Streaming ", Duration.ofSeconds(120));
    return j;
  }

  /** The lake one bounded run over the topics' records (in arrival order) writes. */
  private LakeContent oracle(List<ConsumerRecord<byte[], byte[]>> records, Path data, LocalDate today)
      throws Exception {
    Path dir = tmp.resolve("oracle");
    Files.createDirectories(dir);
    Map<EventStream, List<Path>> files = new HashMap<>();
    for (EventStream stream : EventStream.values()) {
      String topic = stream == EventStream.USAGE ? "usage_events" : "seat_events";
      List<String> lines = records.stream().filter(r -> r.topic().equals(topic))
          .sorted(Comparator.comparingLong(r -> EventHeaders.longHeader(r.headers(), EventHeaders.SEQ, 0)))
          .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
      Path f = dir.resolve(stream.filePrefix() + "all.jsonl");
      Files.write(f, lines, StandardCharsets.UTF_8);
      files.put(stream, List.of(f));
    }
    SourceData sources = new DatasetReader(data).read();
    ReferenceData reference = new ReferenceData(sources.distinct(SourceTable.WORKSPACES, "workspace_id"),
        sources.distinct(SourceTable.PRICE_BOOK, "metric"), today);
    IngestionJob job = new IngestionJob(IngestionConfig.defaults(files.get(EventStream.USAGE),
        files.get(EventStream.SEATS), reference, tmp.resolve("oracle-work")));
    job.runLocal(n -> {});
    return LakeContent.of(job.lake());
  }

  private static LakeContent awaitLake(Lake lake, LakeContent expected, CliProcess job) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    LakeContent c = LakeContent.of(lake);
    while (!c.counts().equals(expected.counts())) {
      assertThat(job.alive()).as(job.output()).isTrue();
      if (System.nanoTime() > deadline) {
        throw new AssertionError("The lake did not catch up: " + c.counts() + " of " + expected.counts() + "\n"
            + job.output());
      }
      Thread.sleep(1000);
      c = LakeContent.of(lake);
    }
    Thread.sleep(3000);
    return LakeContent.of(lake);
  }
}
