package dev.leakproof.pipelines.collector;

import static dev.leakproof.pipelines.testutils.CollectorFixtures.MOBILE_KEY;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.WEB_KEY;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.json;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.post;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.seat;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakproof.pipelines.kafka.EventHeaders;
import dev.leakproof.pipelines.testutils.CollectorFixtures;
import dev.leakproof.pipelines.testutils.TestBroker;
import dev.leakproof.pipelines.testutils.TopicRecords;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector on a real broker: what a read_committed consumer of the topics sees. */
class CollectorKafkaIT {

  @TempDir
  static Path dir;

  private static TestBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = TestBroker.start(dir.resolve("kafka"), 3);
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  private static EventCollector collector(int replica) throws Exception {
    CollectorConfig config = CollectorConfig.from(Map.of("collector.port", "0", "collector.replica-id",
        String.valueOf(replica), "collector.max-event-bytes", "1000"));
    return EventCollector.toKafka(config, CollectorFixtures.keys(), CollectorFixtures.reference(dir.resolve("ref")),
        broker.settings()).start();
  }

  /** The records of the given requests, by "request/index". */
  private static Map<String, ConsumerRecord<byte[], byte[]>> recordsOf(Set<String> requests) {
    Map<String, ConsumerRecord<byte[], byte[]>> out = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : TopicRecords.readCommitted(broker.settings())) {
      String request = EventHeaders.textHeader(r.headers(), EventHeaders.REQUEST);
      if (requests.contains(request)) {
        String at = request + "/" + EventHeaders.intHeader(r.headers(), EventHeaders.INDEX, -1);
        assertThat(out.put(at, r)).as("a second record of %s", at).isNull();
      }
    }
    return out;
  }

  /** lp-seq strictly increases along each partition, and lp-collected-at is its microseconds. */
  private static void assertSequences(Iterable<ConsumerRecord<byte[], byte[]>> records, int replica) {
    Map<String, List<ConsumerRecord<byte[], byte[]>>> byPartition = new HashMap<>();
    records.forEach(r -> byPartition.computeIfAbsent(r.topic() + "-" + r.partition(), k -> new ArrayList<>()).add(r));
    for (List<ConsumerRecord<byte[], byte[]>> partition : byPartition.values()) {
      partition.sort((a, b) -> Long.compare(a.offset(), b.offset()));
      long last = Long.MIN_VALUE;
      for (ConsumerRecord<byte[], byte[]> r : partition) {
        long seq = EventHeaders.longHeader(r.headers(), EventHeaders.SEQ, -1);
        assertThat(seq).isGreaterThan(last);
        assertThat(seq & 0xF).isEqualTo(replica);
        assertThat(EventHeaders.longHeader(r.headers(), EventHeaders.COLLECTED_AT, -1))
            .isEqualTo(EventHeaders.micros(seq));
        last = seq;
      }
    }
  }

  @Test
  void postedEventsArriveOnceWithTheirKeyExactBytesAndHeaders() throws Exception {
    String ok = usage("k-1", "ws-1", "api_calls", "1.50").replace("}", ",\"note\":\"caf\u00e9 \ud83d\ude80\"}");
    String seat = seat("k-2", "ws-2", "u1", "added");
    String badQuantity = usage("k-3", "ws-3", "api_calls", "-1");
    String malformed = "{\"event_id\":\"k-4\",";
    String tooLarge = usage("k-5", "ws-1", "api_calls", "1").replace("}", ",\"pad\":\"" + "x".repeat(1000) + "\"}");
    String unknown = usage("k-6", "ws-9", "api_calls", "2");
    String cloudData = seat("k-8", "ws-3", "u2", "removed");
    try (EventCollector c = collector(3)) {
      HttpResponse<String> r1 = post(c.eventsUrl(), "application/x-ndjson",
          String.join("\n", ok, seat, badQuantity, malformed, tooLarge, unknown), WEB_KEY);
      HttpResponse<String> r2 = post(c.eventsUrl(), "application/json",
          "[" + usage("k-7", "ws-2", "storage_gb", "0.000000000001") + "]", MOBILE_KEY);
      HttpResponse<String> r3 = post(c.eventsUrl(), "application/cloudevents-batch+json",
          "[{\"specversion\":\"1.0\",\"id\":\"c-1\",\"source\":\"/app\",\"type\":\"dev.leakproof.seat\",\"data\":"
              + cloudData + "}]", WEB_KEY);
      assertThat(List.of(r1.statusCode(), r2.statusCode(), r3.statusCode())).containsOnly(202);
      assertThat(json(r1).get("accepted").asInt()).isEqualTo(2);
      String id1 = json(r1).get("request_id").asText();
      String id2 = json(r2).get("request_id").asText();
      String id3 = json(r3).get("request_id").asText();

      Map<String, ConsumerRecord<byte[], byte[]>> got = recordsOf(Set.of(id1, id2, id3));
      assertThat(got.keySet()).containsExactlyInAnyOrder(id1 + "/0", id1 + "/1", id1 + "/2", id1 + "/3",
          id1 + "/5", id2 + "/0", id3 + "/0");
      assertRecord(got.get(id1 + "/0"), "usage_events", "ACC-1", ok, "web");
      assertRecord(got.get(id1 + "/1"), "seat_events", "ACC-2", seat, "web");
      assertRecord(got.get(id1 + "/2"), "usage_events", "ACC-1", badQuantity, "web");
      assertRecord(got.get(id1 + "/3"), "usage_events", null, malformed, "web");
      assertRecord(got.get(id1 + "/5"), "usage_events", "ws-9", unknown, "web");
      assertRecord(got.get(id2 + "/0"), "usage_events", "ACC-2",
          usage("k-7", "ws-2", "storage_gb", "0.000000000001"), "mobile");
      assertRecord(got.get(id3 + "/0"), "seat_events", "ACC-1", cloudData, "web");
      assertSequences(got.values(), 3);

      JsonNode metrics = json(CollectorFixtures.send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + c.port() + "/metrics")).build()));
      assertThat(metrics.get("transactions").get("committed").asInt()).isBetween(1, 3);
      assertThat(metrics.get("events").get("written").asInt()).isEqualTo(7);
      assertThat(CollectorFixtures.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.port()
          + "/healthz")).build()).statusCode()).isEqualTo(200);
    }
  }

  private static void assertRecord(ConsumerRecord<byte[], byte[]> r, String topic, String key, String value,
      String source) {
    assertThat(r.topic()).isEqualTo(topic);
    assertThat(r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(key);
    assertThat(r.value()).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
    assertThat(EventHeaders.textHeader(r.headers(), EventHeaders.SOURCE)).isEqualTo(source);
  }

  @Test
  void concurrentClientsAreAllAcknowledgedAndEveryEventIsWrittenOnce() throws Exception {
    int threads = 4;
    int requests = 15;
    int perRequest = 200;
    Set<String> requestIds = ConcurrentHashMap.newKeySet();
    try (EventCollector c = collector(5)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int r = 0; r < requests; r++) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < perRequest; i++) {
              String id = "c-" + thread + "-" + r + "-" + i;
              body.append(i % 5 == 0 ? seat(id, "ws-" + (1 + i % 3), "u" + i, "added")
                  : usage(id, "ws-" + (1 + i % 3), "api_calls", String.valueOf(i))).append('\n');
            }
            HttpResponse<String> response = post(c.eventsUrl(), "application/x-ndjson", body.toString(),
                thread % 2 == 0 ? WEB_KEY : MOBILE_KEY);
            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(json(response).get("accepted").asInt()).isEqualTo(perRequest);
            requestIds.add(json(response).get("request_id").asText());
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
    }
    Map<String, ConsumerRecord<byte[], byte[]>> got = recordsOf(requestIds);
    assertThat(got).hasSize(threads * requests * perRequest);
    Set<String> eventIds = new java.util.HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : got.values()) {
      String text = new String(r.value(), StandardCharsets.UTF_8);
      eventIds.add(text.substring(text.indexOf("c-"), text.indexOf('"', text.indexOf("c-"))));
    }
    assertThat(eventIds).hasSize(threads * requests * perRequest);
    assertSequences(got.values(), 5);
  }

  @Test
  void closingFinishesTheRequestsInFlightAndCommitsThem() throws Exception {
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
    EventCollector c = collector(6);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        for (int r = 0; ; r++) {
          StringBuilder body = new StringBuilder();
          for (int i = 0; i < 500; i++) {
            body.append(usage("s-" + thread + "-" + r + "-" + i, "ws-1", "api_calls", "1")).append('\n');
          }
          HttpResponse<String> response;
          try {
            response = post(c.eventsUrl(), "application/x-ndjson", body.toString(), WEB_KEY);
          } catch (RuntimeException connectionClosed) {
            return null;
          }
          if (response.statusCode() != 202) {
            assertThat(response.statusCode()).isEqualTo(503);
            refused.incrementAndGet();
            return null;
          }
          acknowledged.add(json(response).get("request_id").asText());
        }
      }));
    }
    Thread.sleep(1500);
    c.close();
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    assertThat(acknowledged).isNotEmpty();
    Map<String, Integer> perRequest = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : TopicRecords.readCommitted(broker.settings())) {
      String request = EventHeaders.textHeader(r.headers(), EventHeaders.REQUEST);
      if (acknowledged.contains(request)) {
        perRequest.merge(request, 1, Integer::sum);
      }
    }
    assertThat(perRequest.keySet()).isEqualTo(acknowledged);
    assertThat(perRequest.values()).containsOnly(500);
  }

  @Test
  void aQuietCollectorWritesHeartbeatsToEveryPartitionAfterItsEvents() throws Exception {
    String id;
    try (EventCollector c = collector(5)) {
      HttpResponse<String> r = post(c.eventsUrl(), "application/x-ndjson", usage("hb-1", "ws-1", "api_calls", "3"),
          WEB_KEY);
      assertThat(r.statusCode()).isEqualTo(202);
      id = json(r).get("request_id").asText();
      Thread.sleep(1500);
    }
    List<ConsumerRecord<byte[], byte[]>> all = TopicRecords.all(broker.settings());
    long eventSeq = all.stream().filter(r -> id.equals(EventHeaders.textHeader(r.headers(), EventHeaders.REQUEST)))
        .mapToLong(r -> EventHeaders.longHeader(r.headers(), EventHeaders.SEQ, -1)).findFirst().orElseThrow();
    Map<String, Long> lastBeat = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : all) {
      if (r.headers().lastHeader(EventHeaders.HEARTBEAT) != null
          && (EventHeaders.longHeader(r.headers(), EventHeaders.SEQ, -1) & 0xF) == 5) {
        assertThat(r.value()).isEmpty();
        lastBeat.merge(r.topic() + "/" + r.partition(), EventHeaders.longHeader(r.headers(), EventHeaders.SEQ, -1),
            Math::max);
      }
    }
    assertThat(lastBeat).hasSize(2 * broker.settings().partitions());
    assertThat(lastBeat.values()).allMatch(seq -> seq > eventSeq);
    assertSequences(all.stream().filter(r -> (EventHeaders.longHeader(r.headers(), EventHeaders.SEQ, -1) & 0xF) == 5)
        .toList(), 5);
  }
}
