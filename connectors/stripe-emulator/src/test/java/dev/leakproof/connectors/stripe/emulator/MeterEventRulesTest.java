package dev.leakproof.connectors.stripe.emulator;

import static dev.leakproof.connectors.stripe.emulator.testutils.StripeHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakproof.connectors.stripe.emulator.testutils.StripeHttp;
import dev.leakproof.connectors.stripe.emulator.testutils.TestTime;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stripe's meter event rules: identifiers, the 35-day and 5-minute window, values, customers, and cancellation. */
class MeterEventRulesTest {

  private static final long NOW = TestTime.NOW.getEpochSecond();

  private StripeEmulator emulator;
  private StripeHttp http;
  private String customer;

  @BeforeEach
  void start() {
    emulator = StripeEmulator.start(TestTime.config());
    http = new StripeHttp(emulator);
    customer = emulator.createCustomer("Acme", Map.of());
    emulator.createMeter("api_calls", "API calls");
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private HttpResponse<String> event(String identifier, String value, long timestamp) {
    return http.post("/v1/billing/meter_events", "event_name", "api_calls", "identifier", identifier,
        "payload[stripe_customer_id]", customer, "payload[value]", value, "timestamp", Long.toString(timestamp));
  }

  private static JsonNode error(HttpResponse<String> response) {
    return ok(response, 400).get("error");
  }

  @Test
  void duplicateIdentifierIsRefusedForTwentyFourHours() {
    ok(event("evt-1", "5", NOW), 200);
    HttpResponse<String> duplicate = event("evt-1", "5", NOW);
    assertThat(duplicate.headers().firstValue("Stripe-Should-Retry")).hasValue("false");
    assertThat(error(duplicate).get("code").asText()).isEqualTo("resource_already_exists");
    assertThat(error(duplicate).get("message").asText()).isEqualTo("An event already exists with identifier evt-1.");
    assertThat(error(duplicate).get("type").asText()).isEqualTo("invalid_request_error");

    emulator.advanceClock(Duration.ofHours(24));
    ok(event("evt-1", "5", NOW + 86_400), 200);
    assertThat(emulator.meterEvents()).hasSize(2);
  }

  @Test
  void timestampsMustBeWithinThePast35DaysAndAtMostFiveMinutesAhead() {
    long days35 = Duration.ofDays(35).toSeconds();
    assertThat(error(event("old", "1", NOW - days35 - 1)).get("code").asText()).isEqualTo("timestamp_too_far_in_past");
    assertThat(error(event("old", "1", NOW - days35 - 1)).get("message").asText())
        .startsWith("Invalid timestamp: 2025-02-03T11:59:59Z is more than 35 calendar days in the past");
    ok(event("oldest", "1", NOW - days35), 200);
    JsonNode future = error(event("future", "1", NOW + 301));
    assertThat(future.get("code").asText()).isEqualTo("timestamp_in_future");
    assertThat(future.get("message").asText()).contains("more than 5 minutes in the future");
    assertThat(future.get("param").asText()).isEqualTo("timestamp");
    ok(event("latest", "1", NOW + 300), 200);
  }

  @Test
  void valuesMustBeWholeNumbersAndCustomersMustExist() {
    JsonNode decimal = error(event("d", "1.5", NOW));
    assertThat(decimal.get("code").asText()).isEqualTo("meter_event_invalid_value");
    assertThat(decimal.get("message").asText()).isEqualTo("Invalid payload[value]: '1.5' is not a whole number");
    assertThat(decimal.get("param").asText()).isEqualTo("payload[value]");
    ok(event("negative", "-3", NOW), 200);
    assertThat(emulator.meterEvents()).singleElement().satisfies(e -> assertThat(e.value()).isEqualTo(-3));

    JsonNode unknownCustomer = error(http.post("/v1/billing/meter_events", "event_name", "api_calls",
        "payload[stripe_customer_id]", "cus_nobody", "payload[value]", "1"));
    assertThat(unknownCustomer.get("code").asText()).isEqualTo("meter_event_customer_not_found");
    assertThat(unknownCustomer.get("message").asText()).isEqualTo("Invalid payload[stripe_customer_id]: no such customer 'cus_nobody'");
    JsonNode noCustomer = error(http.post("/v1/billing/meter_events", "event_name", "api_calls", "payload[value]", "1"));
    assertThat(noCustomer.get("code").asText()).isEqualTo("meter_event_no_customer_defined");
    JsonNode noMeter = error(http.post("/v1/billing/meter_events", "event_name", "nope", "payload[stripe_customer_id]", customer,
        "payload[value]", "1"));
    assertThat(noMeter.get("code").asText()).isEqualTo("no_meter");
    assertThat(noMeter.get("message").asText()).isEqualTo("Invalid event_name: no active meter has event_name 'nope'");
  }

  @Test
  void identifiersAreGeneratedWhenAbsent() {
    JsonNode created = ok(http.post("/v1/billing/meter_events", "event_name", "api_calls", "payload[stripe_customer_id]", customer,
        "payload[value]", "1"), 200);
    assertThat(created.get("identifier").asText()).hasSize(36);
    assertThat(created.get("timestamp").asLong()).isEqualTo(NOW);
  }

  @Test
  void eventsCanBeCancelledOnceWithin24HoursOfReceipt() {
    ok(event("a", "5", NOW), 200);
    ok(event("b", "5", NOW), 200);
    ok(http.post("/v1/billing/meter_event_adjustments", "event_name", "api_calls", "type", "cancel", "cancel[identifier]", "a"), 200);
    JsonNode twice = error(http.post("/v1/billing/meter_event_adjustments", "event_name", "api_calls", "type", "cancel",
        "cancel[identifier]", "a"));
    assertThat(twice.get("code").asText()).isEqualTo("meter_event_already_canceled");
    assertThat(twice.get("message").asText()).isEqualTo("Cannot cancel meter event 'a': the event has already been canceled.");

    JsonNode unknown = error(http.post("/v1/billing/meter_event_adjustments", "event_name", "api_calls", "type", "cancel",
        "cancel[identifier]", "zzz"));
    assertThat(unknown.get("code").asText()).isEqualTo("resource_missing");
    assertThat(unknown.get("param").asText()).isEqualTo("cancel[identifier]");

    emulator.advanceClock(Duration.ofHours(23).plusMinutes(59));
    emulator.advanceClock(Duration.ofMinutes(1));
    JsonNode late = error(http.post("/v1/billing/meter_event_adjustments", "event_name", "api_calls", "type", "cancel",
        "cancel[identifier]", "b"));
    assertThat(late.get("code").asText()).isEqualTo("meter_event_cancel_window_expired");
    assertThat(late.get("message").asText())
        .isEqualTo("Cannot cancel meter event 'b': only events received in the last 24 hours can be canceled (received 2025-03-10T12:00:00Z)");
  }

  @Test
  void v2SingleEventsFollowTheSameRulesWithV2Errors() {
    String body = "{\"event_name\":\"api_calls\",\"identifier\":\"v2-1\",\"payload\":{\"stripe_customer_id\":\"" + customer
        + "\",\"value\":\"4\"},\"timestamp\":\"2025-03-10T11:00:00Z\"}";
    JsonNode created = ok(http.postJson("/v2/billing/meter_events", body), 200);
    assertThat(created.get("timestamp").asText()).isEqualTo("2025-03-10T11:00:00.000Z");
    JsonNode duplicate = error(http.postJson("/v2/billing/meter_events", body));
    assertThat(duplicate.has("param")).isFalse();
    assertThat(duplicate.get("code").asText()).isEqualTo("resource_already_exists");
    JsonNode badTime = error(http.postJson("/v2/billing/meter_events", body.replace("v2-1", "v2-2").replace("2025-03-10T11:00:00Z", "yesterday")));
    assertThat(badTime.get("message").asText()).startsWith("Invalid timestamp: 'yesterday' is not an RFC 3339 timestamp");
  }
}
