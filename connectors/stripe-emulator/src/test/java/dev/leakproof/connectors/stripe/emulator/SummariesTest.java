package dev.leakproof.connectors.stripe.emulator;

import static dev.leakproof.connectors.stripe.emulator.testutils.StripeHttp.ok;
import static dev.leakproof.connectors.stripe.emulator.testutils.TestTime.DAY;
import static dev.leakproof.connectors.stripe.emulator.testutils.TestTime.DAY_START;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakproof.connectors.stripe.emulator.testutils.StripeHttp;
import dev.leakproof.connectors.stripe.emulator.testutils.TestTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Event summaries: aggregation, windows, alignment rules, pagination, and the asynchronous summary delay. */
class SummariesTest {

  private StripeEmulator emulator;
  private StripeHttp http;
  private String customer;

  @BeforeEach
  void start() {
    emulator = StripeEmulator.start(TestTime.config().withSummaryDelay(Duration.ofMillis(200)));
    http = new StripeHttp(emulator);
    customer = emulator.createCustomer("Acme", Map.of());
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private void event(String eventName, String id, long value, long timestamp) {
    ok(http.post("/v1/billing/meter_events", "event_name", eventName, "identifier", id, "payload[stripe_customer_id]", customer,
        "payload[value]", Long.toString(value), "timestamp", Long.toString(timestamp)), 200);
  }

  private JsonNode summaries(String meter, String... extra) {
    List<String> q = new ArrayList<>(List.of("customer", customer));
    q.addAll(List.of(extra));
    return ok(http.get("/v1/billing/meters/" + meter + "/event_summaries", q.toArray(String[]::new)), 200);
  }

  private JsonNode day(String meter) {
    return summaries(meter, "start_time", Long.toString(DAY_START), "end_time", Long.toString(DAY_START + DAY), "value_grouping_window", "day");
  }

  @Test
  void summariesShowEventsAndCancellationsOnlyAfterTheDelay() {
    String meter = emulator.createMeter("api_calls", "API calls");
    event("api_calls", "a", 10, DAY_START + 3600);
    event("api_calls", "b", 5, DAY_START + 7200);
    assertThat(day(meter).get("data")).isEmpty();
    StripeHttp.sleep(250);
    assertThat(day(meter).get("data").get(0).get("aggregated_value").asLong()).isEqualTo(15);

    ok(http.post("/v1/billing/meter_event_adjustments", "event_name", "api_calls", "type", "cancel", "cancel[identifier]", "b"), 200);
    assertThat(day(meter).get("data").get(0).get("aggregated_value").asLong()).isEqualTo(15);
    assertThat(emulator.meterEventAdjustments()).singleElement().satisfies(a -> assertThat(a.status()).isEqualTo("pending"));
    StripeHttp.sleep(250);
    JsonNode summary = day(meter).get("data").get(0);
    assertThat(summary.get("aggregated_value").asLong()).isEqualTo(10);
    assertThat(summary.get("start_time").asLong()).isEqualTo(DAY_START);
    assertThat(summary.get("end_time").asLong()).isEqualTo(DAY_START + DAY);
    assertThat(emulator.meterEventAdjustments()).singleElement().satisfies(a -> assertThat(a.status()).isEqualTo("complete"));
  }

  @Test
  void hourWindowsAreNewestFirstWithoutEmptyWindows() {
    String sum = emulator.createMeter("api_calls", "API calls");
    String count = emulator.createMeter("logins", "Logins", Aggregation.COUNT);
    String last = emulator.createMeter("seats", "Seats", Aggregation.LAST);
    event("api_calls", "a1", 4, DAY_START + 60);
    event("api_calls", "a2", 6, DAY_START + 120);
    event("api_calls", "a3", 1, DAY_START + 3 * 3600);
    event("logins", "l1", 9, DAY_START + 60);
    event("logins", "l2", 9, DAY_START + 61);
    event("seats", "s2", 12, DAY_START + 300);
    event("seats", "s1", 10, DAY_START + 200);
    StripeHttp.sleep(250);
    JsonNode hours = summaries(sum, "start_time", Long.toString(DAY_START), "end_time", Long.toString(DAY_START + 6 * 3600),
        "value_grouping_window", "hour");
    assertThat(hours.get("data")).hasSize(2);
    assertThat(hours.get("data").get(0).get("start_time").asLong()).isEqualTo(DAY_START + 3 * 3600);
    assertThat(hours.get("data").get(0).get("aggregated_value").asLong()).isEqualTo(1);
    assertThat(hours.get("data").get(1).get("aggregated_value").asLong()).isEqualTo(10);
    assertThat(day(count).get("data").get(0).get("aggregated_value").asLong()).isEqualTo(2);
    assertThat(day(last).get("data").get(0).get("aggregated_value").asLong()).isEqualTo(12);

    JsonNode whole = summaries(sum, "start_time", Long.toString(DAY_START + 60), "end_time", Long.toString(DAY_START + 180));
    assertThat(whole.get("data")).singleElement().satisfies(s -> assertThat(s.get("aggregated_value").asLong()).isEqualTo(10));

    JsonNode page1 = summaries(sum, "start_time", Long.toString(DAY_START), "end_time", Long.toString(DAY_START + 6 * 3600),
        "value_grouping_window", "hour", "limit", "1");
    assertThat(page1.get("has_more").asBoolean()).isTrue();
    JsonNode page2 = summaries(sum, "start_time", Long.toString(DAY_START), "end_time", Long.toString(DAY_START + 6 * 3600),
        "value_grouping_window", "hour", "limit", "1", "starting_after", page1.get("data").get(0).get("id").asText());
    assertThat(page2.get("has_more").asBoolean()).isFalse();
    assertThat(page2.get("data").get(0).get("start_time").asLong()).isEqualTo(DAY_START);
  }

  @Test
  void windowsMustAlignWithTheirBoundaries() {
    String meter = emulator.createMeter("api_calls", "API calls");
    String notMidnight = Long.toString(DAY_START + 3600);
    JsonNode day = ok(http.get("/v1/billing/meters/" + meter + "/event_summaries", "customer", customer, "start_time", notMidnight,
        "end_time", Long.toString(DAY_START + DAY), "value_grouping_window", "day"), 400).get("error");
    assertThat(day.get("message").asText()).isEqualTo("Invalid start_time: " + notMidnight + " (2025-03-10T01:00:00Z) is not aligned with UTC day boundaries");
    assertThat(day.get("param").asText()).isEqualTo("start_time");
    JsonNode hour = ok(http.get("/v1/billing/meters/" + meter + "/event_summaries", "customer", customer, "start_time", Long.toString(DAY_START),
        "end_time", Long.toString(DAY_START + 1800), "value_grouping_window", "hour"), 400).get("error");
    assertThat(hour.get("message").asText()).contains("not aligned with hour boundaries");
    JsonNode minute = ok(http.get("/v1/billing/meters/" + meter + "/event_summaries", "customer", customer, "start_time", Long.toString(DAY_START + 30),
        "end_time", Long.toString(DAY_START + 120)), 400).get("error");
    assertThat(minute.get("message").asText()).contains("not aligned with minute boundaries");
    JsonNode missing = ok(http.get("/v1/billing/meters/" + meter + "/event_summaries", "start_time", Long.toString(DAY_START),
        "end_time", Long.toString(DAY_START + DAY)), 400).get("error");
    assertThat(missing.get("message").asText()).isEqualTo("Missing required param: customer.");
    assertThat(missing.get("code").asText()).isEqualTo("parameter_missing");
  }
}
