package dev.leakproof.pipelines.collector;

import static dev.leakproof.pipelines.testutils.CollectorFixtures.WEB_KEY;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.json;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.post;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.seat;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.today;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.testutils.CollectorFixtures;
import dev.leakproof.pipelines.testutils.InMemorySink;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each reason an event is rejected for, as the client reads it, and what is written for it. */
class CollectorRejectionTest {

  @TempDir
  Path dir;

  private final InMemorySink sink = new InMemorySink();
  private EventCollector collector;

  @BeforeEach
  void start() throws Exception {
    CollectorConfig config = CollectorConfig.from(Map.of("collector.port", "0", "collector.max-event-bytes", "300"));
    collector = new EventCollector(config, CollectorFixtures.keys(), CollectorFixtures.reference(dir), sink).start();
  }

  @AfterEach
  void stop() {
    collector.close();
  }

  @Test
  void everyReasonIsAnsweredPerEventAndAllButTooLargeAreWritten() {
    String future = today().plusDays(2).toString();
    List<String> events = List.of(
        usage("ok-1", "ws-1", "api_calls", "1.50"),
        "{\"event_id\":\"m1\",\"workspace_id\":",
        "{\"event_id\":\"m2\",\"workspace_id\":\"ws-2\",\"quantity\":3,\"occurred_at\":\"" + today() + "T01:00:00Z\"}",
        usage("q1", "ws-1", "api_calls", "-3"),
        usage("q2", "ws-1", "api_calls", "\"12\""),
        seat("a1", "ws-2", "u1", "enabled"),
        usage("t1", "ws-1", "api_calls", "1").replace("T10:00:00Z", "T10:00:00"),
        usage("f1", "ws-1", "api_calls", "1").replace(today().toString(), future),
        usage("w1", "ws-9", "api_calls", "1"),
        usage("u1", "ws-3", "page_views", "1"),
        usage("big", "ws-1", "api_calls", "1").replace("}", ",\"pad\":\"" + "x".repeat(300) + "\"}"),
        seat("ok-2", "ws-3", "u2", "removed"));
    HttpResponse<String> r = post(collector.eventsUrl(), "application/x-ndjson", String.join("\n", events), WEB_KEY);

    assertThat(r.statusCode()).isEqualTo(202);
    JsonNode body = json(r);
    assertThat(body.get("accepted").asInt()).isEqualTo(2);
    assertThat(body.get("rejected").asInt()).isEqualTo(10);
    assertThat(body.get("request_id").asText()).isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
    List<String> lines = new ArrayList<>();
    for (JsonNode result : body.get("results")) {
      lines.add(result.get("index").asInt() + " " + result.get("status").asText()
          + (result.has("event_id") ? " " + result.get("event_id").asText() : "")
          + (result.has("reason") ? " " + result.get("reason").asText() + ": " + result.get("detail").asText() : ""));
    }
    assertThat(lines).containsExactly(
        "0 accepted ok-1",
        "1 rejected malformed_json: not a JSON object: Unexpected end-of-input within/between Object entries"
            + " at column 33",
        "2 rejected m2 missing_field: metric is absent (required in usage events)",
        "3 rejected q1 invalid_quantity: quantity is -3 (negative)",
        "4 rejected q2 invalid_quantity: quantity is \"12\" (not a JSON number)",
        "5 rejected a1 invalid_action: action is \"enabled\" (must be \"added\" or \"removed\")",
        "6 rejected t1 invalid_timestamp: occurred_at \"" + today() + "T10:00:00\" has no UTC offset",
        "7 rejected f1 future_timestamp: occurred_at \"" + future + "T10:00:00Z\" is on " + future + " (UTC), after "
            + today().plusDays(1) + ", the latest date allowed today",
        "8 rejected w1 unknown_workspace: workspace_id \"ws-9\" is not in workspaces.csv",
        "9 rejected u1 unknown_metric: metric \"page_views\" is not in price_book.csv",
        "10 rejected event_too_large: the event is " + events.get(10).length()
            + " bytes, more than 300 (collector.max-event-bytes)",
        "11 accepted ok-2");

    // quarantine, never drop: every event but the too-large one is written, with its exact bytes
    assertThat(sink.requests()).hasSize(1);
    CollectedRequest written = sink.requests().get(0);
    assertThat(written.source()).isEqualTo("web");
    assertThat(written.requestId()).isEqualTo(body.get("request_id").asText());
    assertThat(written.events()).extracting(CollectedEvent::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11);
    for (CollectedEvent e : written.events()) {
      assertThat(new String(e.value(), StandardCharsets.UTF_8)).isEqualTo(events.get(e.index()));
    }
    // the key: the workspace's account, else the workspace, else the event id, else none
    assertThat(written.events()).extracting(CollectedEvent::key)
        .containsExactly("ACC-1", null, "ACC-2", "ACC-1", "ACC-1", "ACC-2", "ACC-1", "ACC-1", "ws-9", "ACC-1", "ACC-1");
    assertThat(written.events()).extracting(CollectedEvent::stream).containsExactly(EventStream.USAGE,
        EventStream.USAGE, EventStream.USAGE, EventStream.USAGE, EventStream.USAGE, EventStream.SEATS,
        EventStream.USAGE, EventStream.USAGE, EventStream.USAGE, EventStream.USAGE, EventStream.SEATS);

    JsonNode metrics = json(CollectorFixtures.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + collector.port() + "/metrics")).build()));
    assertThat(metrics.get("events").get("accepted").asInt()).isEqualTo(2);
    assertThat(metrics.get("events").get("rejected").get("invalid_quantity").asInt()).isEqualTo(2);
    assertThat(metrics.get("events").get("rejected").get("event_too_large").asInt()).isEqualTo(1);
    assertThat(metrics.get("events").get("written").asInt()).isEqualTo(11);
    assertThat(metrics.get("requests").get("202").asInt()).isEqualTo(1);
  }

  @Test
  void anEventWithoutAWorkspaceIsKeyedByItsIdAndAnUnknownMetricStillByTheAccount() {
    String noWorkspace = "{\"event_id\":\"n1\",\"metric\":\"api_calls\",\"quantity\":1,\"occurred_at\":\""
        + today() + "T00:00:00Z\"}";
    HttpResponse<String> r = post(collector.eventsUrl(), "application/json", "[" + noWorkspace + "]", WEB_KEY);
    assertThat(json(r).get("results").get(0).get("detail").asText())
        .isEqualTo("workspace_id is absent (required in usage events)");
    assertThat(sink.requests().get(0).events().get(0).key()).isEqualTo("n1");
  }
}
