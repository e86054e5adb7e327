package dev.leakproof.pipelines.collector;

import static dev.leakproof.pipelines.testutils.CollectorFixtures.WEB_KEY;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.json;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.post;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.pipelines.kafka.EventHeaders;
import dev.leakproof.pipelines.testutils.CollectorFixtures;
import dev.leakproof.pipelines.testutils.TestBroker;
import dev.leakproof.pipelines.testutils.TopicRecords;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker that stops and comes back: 503 with Retry-After meanwhile, 202 after, nothing acknowledged lost. */
class CollectorBrokerOutageIT {

  @TempDir
  Path dir;

  private int batch;

  /** Posts 50 fresh events; returns the response and remembers the request id of a 202. */
  private HttpResponse<String> postBatch(EventCollector c, List<String> acknowledged) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      body.append(usage("o-" + batch + "-" + i, "ws-" + (1 + i % 3), "api_calls", "1")).append('\n');
    }
    batch++;
    HttpResponse<String> r = post(c.eventsUrl(), "application/x-ndjson", body.toString(), WEB_KEY);
    if (r.statusCode() == 202) {
      acknowledged.add(json(r).get("request_id").asText());
    }
    return r;
  }

  private static int health(EventCollector c) {
    return CollectorFixtures.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.port() + "/healthz"))
        .build()).statusCode();
  }

  @Test
  void aStoppedBrokerGives503WithRetryAfterThen202AgainAndNothingAcknowledgedIsLost() throws Exception {
    List<String> acknowledged = new ArrayList<>();
    try (TestBroker b = TestBroker.start(dir.resolve("kafka"), 2)) {
      CollectorConfig config = CollectorConfig.from(Map.of("collector.port", "0", "collector.broker-timeout", "3s",
          "collector.retry-after-seconds", "2"));
      try (EventCollector c = EventCollector.toKafka(config, CollectorFixtures.keys(),
          CollectorFixtures.reference(dir.resolve("ref")), b.settings()).start()) {
        for (int i = 0; i < 5; i++) {
          assertThat(postBatch(c, acknowledged).statusCode()).isEqualTo(202);
        }
        b.broker().stop(Duration.ofSeconds(20));

        HttpResponse<String> refused = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (refused == null && System.nanoTime() < deadline) {
          HttpResponse<String> r = postBatch(c, acknowledged);
          refused = r.statusCode() == 503 ? r : null;
        }
        assertThat(refused).as("a 503 within 30 s of the broker stopping").isNotNull();
        assertThat(refused.headers().firstValue("Retry-After")).contains("2");
        // while the probe finds the broker down, refusals come at once, without waiting for a commit
        long t0 = System.nanoTime();
        assertThat(postBatch(c, acknowledged).statusCode()).isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(config.brokerTimeout());
        assertThat(health(c)).isEqualTo(503);

        b.broker().start(Duration.ofSeconds(60));
        int status = 0;
        deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (status != 202 && System.nanoTime() < deadline) {
          Thread.sleep(250);
          status = postBatch(c, acknowledged).statusCode();
        }
        assertThat(status).as("202 again within 90 s of the broker's restart").isEqualTo(202);
        assertThat(health(c)).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
          assertThat(postBatch(c, acknowledged).statusCode()).isEqualTo(202);
        }
      }
      // every acknowledged event is there exactly once; nothing is there twice
      Map<String, Integer> perRequest = new HashMap<>();
      Map<String, Integer> perEvent = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> r : TopicRecords.readCommitted(b.settings())) {
        perRequest.merge(EventHeaders.textHeader(r.headers(), EventHeaders.REQUEST), 1, Integer::sum);
        perEvent.merge(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8), 1, Integer::sum);
      }
      for (String request : acknowledged) {
        assertThat(perRequest.get(request)).as("events of acknowledged request %s", request).isEqualTo(50);
      }
      assertThat(perEvent.values()).containsOnly(1);
      System.out.printf("outage: %d batches posted, %d acknowledged, %d requests' events in the topics%n", batch,
          acknowledged.size(), perRequest.size());
    }
  }
}
