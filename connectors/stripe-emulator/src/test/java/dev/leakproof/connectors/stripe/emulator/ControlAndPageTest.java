package dev.leakproof.connectors.stripe.emulator;

import static dev.leakproof.connectors.stripe.emulator.testutils.StripeHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakproof.connectors.stripe.emulator.testutils.StripeHttp;
import dev.leakproof.connectors.stripe.emulator.testutils.TestTime;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control endpoints under /__emulator/ and the read-only HTML page. */
class ControlAndPageTest {

  private StripeEmulator emulator;
  private StripeHttp http;

  @BeforeEach
  void start() {
    emulator = StripeEmulator.start(TestTime.config());
    http = new StripeHttp(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void clockFaultsStateAndReset() {
    JsonNode clock = ok(http.raw("POST", "/__emulator/clock", "{\"advanceSeconds\":3600}"), 200);
    assertThat(clock.get("now").asText()).isEqualTo("2025-03-10T13:00:00.000Z");
    assertThat(emulator.now()).isEqualTo(TestTime.NOW.plusSeconds(3600));

    ok(http.raw("POST", "/__emulator/faults", "[{\"fault\":\"server-error\",\"count\":1,\"pathPrefix\":\"/v1/customers\"}]"), 200);
    assertThat(http.get("/v1/customers").statusCode()).isEqualTo(500);
    assertThat(http.get("/v1/customers").statusCode()).isEqualTo(200);
    JsonNode bad = ok(http.raw("POST", "/__emulator/faults", "{\"fault\":\"meltdown\"}"), 400).get("error");
    assertThat(bad.get("message").asText()).isEqualTo("Invalid control request: unknown fault 'meltdown' (server-error, timeout, rate-limit-storm, clear)");

    emulator.createCustomer("Acme", Map.of());
    JsonNode state = ok(http.raw("GET", "/__emulator/state", null), 200);
    assertThat(state.get("customers").asInt()).isEqualTo(1);
    assertThat(state.get("requests").asInt()).isEqualTo(2);

    ok(http.raw("POST", "/__emulator/reset", null), 200);
    assertThat(emulator.customers()).isEmpty();
    assertThat(emulator.now()).isEqualTo(TestTime.NOW);
    assertThat(emulator.requestCount("/")).isZero();
  }

  @Test
  void htmlPageShowsCustomersMetersUsageAndInvoiceItems() {
    String customer = emulator.createCustomer("Acme <GmbH>", Map.of("leakproof_key", "ACC-1"));
    String meter = emulator.createMeter("api_calls", "API calls");
    ok(http.post("/v1/billing/meter_events", "event_name", "api_calls", "payload[stripe_customer_id]", customer, "payload[value]", "41"), 200);
    ok(http.post("/v1/billing/meter_events", "event_name", "api_calls", "payload[stripe_customer_id]", customer, "payload[value]", "1"), 200);
    ok(http.post("/v1/invoiceitems", "customer", customer, "amount", "-250", "currency", "usd", "description", "Usage credit"), 200);
    HttpResponse<String> page = http.raw("GET", "/", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
    assertThat(page.body()).contains("http-equiv=\"refresh\"", customer, "Acme &lt;GmbH&gt;", meter, "2025-03-10</td><td>2</td><td>42",
        "Usage credit", "-250");
  }
}
