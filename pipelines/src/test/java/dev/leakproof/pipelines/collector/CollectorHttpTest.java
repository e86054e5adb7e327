package dev.leakproof.pipelines.collector;

import static dev.leakproof.pipelines.testutils.CollectorFixtures.MOBILE_KEY;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.WEB_KEY;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.json;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.post;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.send;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.pipelines.testutils.CollectorFixtures;
import dev.leakproof.pipelines.testutils.InMemorySink;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector's HTTP surface with an in-memory sink: keys, limits, refusals, health and metrics. */
class CollectorHttpTest {

  @TempDir
  Path dir;

  private final InMemorySink sink = new InMemorySink();
  private EventCollector collector;

  private EventCollector start(Map<String, String> settings) throws Exception {
    Map<String, String> all = new HashMap<>(settings);
    all.put("collector.port", "0");
    collector = new EventCollector(CollectorConfig.from(all), CollectorFixtures.keys(),
        CollectorFixtures.reference(dir), sink).start();
    return collector;
  }

  @AfterEach
  void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  private String url(String path) {
    return "http://127.0.0.1:" + collector.port() + path;
  }

  @Test
  void aMissingOrWrongKeyIs401WithTheBearerChallengeAndXApiKeyWorksToo() throws Exception {
    start(Map.of());
    String body = usage("e1", "ws-1", "api_calls", "1");
    for (String key : new String[] {null, "wrong-key-0123456789abcdef", WEB_KEY + " "}) {
      HttpResponse<String> r = post(collector.eventsUrl(), "application/x-ndjson", body, key);
      if (key != null && key.startsWith(WEB_KEY)) {
        assertThat(r.statusCode()).isEqualTo(202); // surrounding spaces are not part of the key
        continue;
      }
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer");
      assertThat(json(r).get("error").asText()).isEqualTo("Missing or unknown API key (send Authorization: Bearer <key>)");
    }
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(collector.eventsUrl()))
        .header("Content-Type", "application/x-ndjson").header("X-Api-Key", MOBILE_KEY)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(sink.requests()).extracting(CollectedRequest::source).containsExactly("web", "mobile");
  }

  @Test
  void unsupportedMediaTypeWrongMethodAndUnknownPath() throws Exception {
    start(Map.of());
    HttpResponse<String> r = post(collector.eventsUrl(), "text/csv", "a,b", WEB_KEY);
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(json(r).get("error").asText()).startsWith("Unsupported media type: text/csv (use application/json,");
    r = send(HttpRequest.newBuilder(URI.create(collector.eventsUrl())).GET().build());
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).contains("POST");
    r = send(HttpRequest.newBuilder(URI.create(url("/v1/events/x"))).GET().build());
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("error").asText()).isEqualTo(
        "No such path: /v1/events/x (POST /v1/events, GET /healthz, GET /metrics)");
    r = send(HttpRequest.newBuilder(URI.create(url("/healthz"))).DELETE().build());
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(post(collector.eventsUrl() + "?stream=clicks", "application/json", "[]", WEB_KEY).statusCode())
        .isEqualTo(400);
    assertThat(sink.requests()).isEmpty();
  }

  @Test
  void aBrokenJsonBodyIs400WithOneLineNamingThePosition() throws Exception {
    start(Map.of());
    HttpResponse<String> r = post(collector.eventsUrl(), "application/json", "[{\"a\":1},{\"b\":2]", WEB_KEY);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("\n");
    assertThat(json(r).get("error").asText()).isEqualTo("Cannot parse the body as application/json: Unexpected close"
        + " marker ']': expected '}' at line 1, column 16 (byte 15)");
  }

  @Test
  void theRateLimitOfASourceIs429WithRetryAfterAndOtherSourcesGoOn() throws Exception {
    start(Map.of("collector.rate-limit.requests-per-second", "0.2", "collector.rate-limit.burst", "2"));
    assertThat(post(collector.eventsUrl(), "application/json", "[]", WEB_KEY).statusCode()).isEqualTo(202);
    assertThat(post(collector.eventsUrl(), "application/json", "[]", WEB_KEY).statusCode()).isEqualTo(202);
    HttpResponse<String> r = post(collector.eventsUrl(), "application/json", "[]", WEB_KEY);
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(Integer.parseInt(r.headers().firstValue("Retry-After").orElseThrow())).isBetween(4, 5);
    assertThat(post(collector.eventsUrl(), "application/json", "[]", MOBILE_KEY).statusCode()).isEqualTo(202);
  }

  @Test
  void aTenMegabyteBodyIs413BeforeItIsSentAndIsNeverReadWhole() throws Exception {
    start(Map.of());
    int tenMegabytes = 10 * 1024 * 1024;
    try (Socket s = new Socket("127.0.0.1", collector.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + WEB_KEY
          + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: " + tenMegabytes + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // no body byte is sent yet: the answer comes from the Content-Length alone
      assertThat(readHead(s.getInputStream())).startsWith("HTTP/1.1 413 ");
      // sending the body anyway: the collector reads and discards it (a lingering close) so that
      // clients which send everything before reading the answer still get the 413
      byte[] chunk = new byte[64 * 1024];
      long sent = 0;
      while (sent < tenMegabytes) {
        out.write(chunk);
        sent += chunk.length;
      }
      assertThat(sent).isEqualTo(tenMegabytes);
    }
  }

  @Test
  void aClientThatSendsTheWholeTenMegabytesFirstStillReadsThe413() throws Exception {
    start(Map.of());
    byte[] tenMegabytes = new byte[10 * 1024 * 1024];
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(collector.eventsUrl()))
        .header("Content-Type", "application/x-ndjson").header("Authorization", "Bearer " + WEB_KEY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(tenMegabytes)).build());
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(json(r).get("error").asText()).startsWith("Request body too large: more than 5242880 bytes");
  }

  @Test
  void aBodyOverFourTimesTheLimitIsCutOff() throws Exception {
    start(Map.of("collector.max-request-bytes", "10000", "collector.max-event-bytes", "1000"));
    try (Socket s = new Socket("127.0.0.1", collector.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + WEB_KEY
          + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: 10000000\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(readHead(s.getInputStream())).startsWith("HTTP/1.1 413 ");
      byte[] chunk = new byte[64 * 1024];
      long sent = 0;
      try {
        while (sent < 10_000_000) {
          out.write(chunk);
          sent += chunk.length;
        }
      } catch (java.io.IOException closed) {
        // connection reset / broken pipe: the collector closed it
      }
      assertThat(sent).isLessThan(10_000_000);
    }
  }

  @Test
  void aChunkedBodyOverTheLimitIs413AfterLimitPlusOneBytes() throws Exception {
    start(Map.of("collector.max-request-bytes", "10000", "collector.max-event-bytes", "1000"));
    byte[] body = ("{\"a\":\"" + "x".repeat(20_000) + "\"}\n").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(collector.eventsUrl()))
        .header("Content-Type", "application/x-ndjson").header("Authorization", "Bearer " + WEB_KEY)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build());
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(json(r).get("error").asText()).isEqualTo(
        "Request body too large: more than 10000 bytes (collector.max-request-bytes); split the batch");
  }

  @Test
  void moreThanMaxEventsIs413() throws Exception {
    start(Map.of());
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 10_001; i++) {
      many.append(usage("e" + i, "ws-1", "api_calls", "1")).append('\n');
    }
    HttpResponse<String> r = post(collector.eventsUrl(), "application/x-ndjson", many.toString(), WEB_KEY);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(sink.requests()).isEmpty();
  }

  @Test
  void whileTheSinkIsDownRequestsAndHealthAre503WithRetryAfterAndRecover() throws Exception {
    start(Map.of("collector.retry-after-seconds", "7"));
    assertThat(send(HttpRequest.newBuilder(URI.create(url("/healthz"))).build()).statusCode()).isEqualTo(200);
    sink.available(false);
    HttpResponse<String> r = post(collector.eventsUrl(), "application/json", "[]", WEB_KEY);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).contains("7");
    HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(url("/healthz"))).build());
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body()).isEqualTo("{\"status\":\"down\",\"kafka\":\"unreachable\"}");
    sink.available(true);
    assertThat(post(collector.eventsUrl(), "application/json", "[]", WEB_KEY).statusCode()).isEqualTo(202);
    HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(url("/metrics"))).build());
    assertThat(json(metrics).get("requests").get("503").asInt()).isEqualTo(1);
    assertThat(json(metrics).get("requests").get("202").asInt()).isEqualTo(1);
    assertThat(json(metrics).get("kafka").asText()).isEqualTo("reachable");
  }

  @Test
  void closingClosesTheSinkAndACollectorNeedsKeys() throws Exception {
    start(Map.of()).close();
    assertThat(sink.closed()).isTrue();
    collector = null;
    assertThatThrownBy(() -> new EventCollector(CollectorConfig.defaults(), ApiKeys.fromEnv(Map.of()),
        CollectorFixtures.reference(dir), sink))
        .hasMessage("Cannot start the collector: no API keys (set LEAKPROOF_COLLECTOR_KEYS or give a keys file)");
  }

  private static String readHead(InputStream in) throws java.io.IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      b.append((char) c);
      if (b.toString().endsWith("\r\n\r\n")) {
        break;
      }
    }
    return b.toString();
  }
}
