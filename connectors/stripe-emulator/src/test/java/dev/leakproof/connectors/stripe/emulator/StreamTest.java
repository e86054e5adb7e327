package dev.leakproof.connectors.stripe.emulator;

import static dev.leakproof.connectors.stripe.emulator.testutils.StripeHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakproof.connectors.stripe.emulator.testutils.StripeHttp;
import dev.leakproof.connectors.stripe.emulator.testutils.TestTime;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The v2 meter event stream over raw HTTP: session tokens, batch limits, silent dedup and asynchronous errors. */
class StreamTest {

  private StripeEmulator emulator;
  private StripeHttp http;
  private StripeHttp stream;
  private String customer;

  @BeforeEach
  void start() {
    emulator = StripeEmulator.start(TestTime.config());
    http = new StripeHttp(emulator);
    customer = emulator.createCustomer("Acme", Map.of());
    emulator.createMeter("tokens", "Tokens");
    stream = http.as(ok(http.postJson("/v2/billing/meter_event_session", "{}"), 200).get("authentication_token").asText());
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  static String event(String id, String customer, String value, String timestamp) {
    return "{\"event_name\":\"tokens\",\"identifier\":\"" + id + "\",\"payload\":{\"stripe_customer_id\":\"" + customer
        + "\",\"value\":\"" + value + "\"},\"timestamp\":\"" + timestamp + "\"}";
  }

  static String batch(String... events) {
    StringJoiner j = new StringJoiner(",", "{\"events\":[", "]}");
    for (String e : events) {
      j.add(e);
    }
    return j.toString();
  }

  @Test
  void duplicatesAreDroppedSilently() {
    String body = batch(event("a", customer, "1", "2025-03-10T11:00:00Z"), event("b", customer, "2", "2025-03-10T11:00:00Z"));
    HttpResponse<String> first = stream.postJson(StreamApi.PATH, body);
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(first.body()).isEqualTo("{}");
    assertThat(stream.postJson(StreamApi.PATH, body).statusCode()).isEqualTo(202);
    assertThat(emulator.meterEvents()).extracting(MeterEventSnapshot::identifier).containsExactly("a", "b");
    assertThat(emulator.acceptedStreamEvents()).satisfies(s -> {
      assertThat(s.events()).isEqualTo(4);
      assertThat(s.stored()).isEqualTo(2);
      assertThat(s.duplicates()).isEqualTo(2);
    });
  }

  @Test
  void invalidEventsAreAcceptedThenDroppedAndReported() {
    HttpResponse<String> r = stream.postJson(StreamApi.PATH, batch(
        event("ok", customer, "5", "2025-03-10T11:00:00Z"),
        event("who", "cus_nobody", "5", "2025-03-10T11:00:00Z"),
        event("half", customer, "0.5", "2025-03-10T11:00:00Z"),
        event("old", customer, "5", "2025-01-01T00:00:00Z"),
        event("ahead", customer, "5", "2025-03-10T12:05:01Z"),
        event("name", customer, "5", "2025-03-10T11:00:00Z").replace("\"tokens\"", "\"unknown\"")));
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(emulator.meterEvents()).extracting(MeterEventSnapshot::identifier).containsExactly("ok");
    assertThat(emulator.meterEventErrors()).extracting(MeterEventError::identifier, MeterEventError::code).containsExactly(
        tuple("who", "meter_event_customer_not_found"),
        tuple("half", "meter_event_invalid_value"),
        tuple("old", "timestamp_too_far_in_past"),
        tuple("ahead", "timestamp_in_future"),
        tuple("name", "no_meter"));
    JsonNode listed = ok(http.raw("GET", "/__emulator/meter_event_errors", null), 200);
    assertThat(listed.get("data")).hasSize(5);
    assertThat(listed.get("data").get(0).get("message").asText()).isEqualTo("Invalid payload[stripe_customer_id]: no such customer 'cus_nobody'");
  }

  @Test
  void batchesCarryOneToOneHundredEvents() {
    String[] events = new String[101];
    for (int i = 0; i < events.length; i++) {
      events[i] = event("e" + i, customer, "1", "2025-03-10T11:00:00Z");
    }
    JsonNode tooMany = ok(stream.postJson(StreamApi.PATH, batch(events)), 400).get("error");
    assertThat(tooMany.get("message").asText()).isEqualTo("Invalid events: 101 events (a stream request carries 1 to 100 events)");
    assertThat(ok(stream.postJson(StreamApi.PATH, "{\"events\":[]}"), 400).get("error").get("message").asText()).startsWith("Invalid events: 0 events");
    JsonNode shape = ok(stream.postJson(StreamApi.PATH, "{\"events\":[{\"event_name\":\"tokens\",\"payload\":\"x\"}]}"), 400).get("error");
    assertThat(shape.get("message").asText()).isEqualTo("Invalid events[0].payload: expected an object, got STRING");
    assertThat(emulator.meterEvents()).isEmpty();
  }

  @Test
  void streamTakesSessionTokensOnly() {
    String body = batch(event("a", customer, "1", "2025-03-10T11:00:00Z"));
    JsonNode withSecret = ok(http.postJson(StreamApi.PATH, body), 401).get("error");
    assertThat(withSecret.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(withSecret.get("message").asText()).startsWith("Invalid API Key provided: sk_test_");
    JsonNode unknown = ok(http.as("mes_auth_test_bogus").postJson(StreamApi.PATH, body), 401).get("error");
    assertThat(unknown.get("type").asText()).isEqualTo("temporary_session_expired");
    assertThat(unknown.get("code").asText()).isEqualTo("billing_meter_event_session_expired");
    assertThat(ok(stream.postJson("/v1/customers", "{}"), 401).get("error").get("message").asText()).startsWith("Invalid API Key provided: mes_auth_****");

    emulator.advanceClock(Duration.ofMinutes(14).plusSeconds(59));
    assertThat(stream.postJson(StreamApi.PATH, body).statusCode()).isEqualTo(202);
    emulator.advanceClock(Duration.ofSeconds(1));
    assertThat(ok(stream.postJson(StreamApi.PATH, body), 401).get("error").get("type").asText()).isEqualTo("temporary_session_expired");
  }
}
