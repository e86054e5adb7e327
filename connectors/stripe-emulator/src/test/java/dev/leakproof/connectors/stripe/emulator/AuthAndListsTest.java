package dev.leakproof.connectors.stripe.emulator;

import static dev.leakproof.connectors.stripe.emulator.testutils.StripeHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakproof.connectors.stripe.emulator.testutils.StripeHttp;
import dev.leakproof.connectors.stripe.emulator.testutils.TestTime;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Authentication, request ids, unknown URLs, cursor pagination and live mode. */
class AuthAndListsTest {

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
  void missingOrWrongKeysAre401WithTheKeyMasked() {
    HttpResponse<String> none = http.raw("GET", "/v1/customers", null);
    assertThat(ok(none, 401).get("error").get("message").asText()).startsWith("You did not provide an API key.");
    assertThat(none.headers().firstValue("Request-Id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
    assertThat(none.headers().firstValue("Stripe-Should-Retry")).hasValue("false");
    JsonNode wrong = ok(http.as("sk_test_not_the_right_one").get("/v1/customers"), 401).get("error");
    assertThat(wrong.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(wrong.get("message").asText()).isEqualTo("Invalid API Key provided: sk_test_*************_one");
    assertThat(wrong.has("code")).isFalse();
  }

  @Test
  void basicAuthWithTheKeyAsUserAndStripeHeadersAreAccepted() {
    String basic = Base64.getEncoder().encodeToString((emulator.secretKey() + ":").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(http.uri("/v1/customers")).header("Authorization", "Basic " + basic)
        .header("Stripe-Version", "2026-07-29.dahlia").header("X-Stripe-Client-User-Agent", "{}").GET());
    assertThat(ok(r, 200).get("url").asText()).isEqualTo("/v1/customers");
  }

  @Test
  void unknownUrlsAre404() {
    JsonNode error = ok(http.get("/v1/charges"), 404).get("error");
    assertThat(error.get("message").asText()).startsWith("Unrecognized request URL (GET: /v1/charges).");
    assertThat(ok(http.delete("/v1/customers"), 404).get("error").get("message").asText()).startsWith("Unrecognized request URL (DELETE: /v1/customers)");
  }

  @Test
  void listsAreNewestFirstWithCursors() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(0, ok(http.post("/v1/customers", "name", "C" + i), 200).get("id").asText());
    }
    JsonNode first = ok(http.get("/v1/customers", "limit", "2"), 200);
    assertThat(ids(first)).containsExactly(ids.get(0), ids.get(1));
    assertThat(first.get("has_more").asBoolean()).isTrue();
    JsonNode next = ok(http.get("/v1/customers", "limit", "2", "starting_after", ids.get(1)), 200);
    assertThat(ids(next)).containsExactly(ids.get(2), ids.get(3));
    JsonNode last = ok(http.get("/v1/customers", "limit", "2", "starting_after", ids.get(3)), 200);
    assertThat(ids(last)).containsExactly(ids.get(4));
    assertThat(last.get("has_more").asBoolean()).isFalse();
    JsonNode back = ok(http.get("/v1/customers", "limit", "2", "ending_before", ids.get(3)), 200);
    assertThat(ids(back)).containsExactly(ids.get(1), ids.get(2));
    assertThat(back.get("has_more").asBoolean()).isTrue();
    assertThat(ids(ok(http.get("/v1/customers"), 200))).hasSize(5);
    JsonNode badLimit = ok(http.get("/v1/customers", "limit", "101"), 400).get("error");
    assertThat(badLimit.get("message").asText()).isEqualTo("Invalid limit: 101 (must be between 1 and 100)");
    assertThat(badLimit.get("param").asText()).isEqualTo("limit");
    assertThat(ok(http.get("/v1/customers", "starting_after", "cus_gone"), 400).get("error").get("message").asText())
        .isEqualTo("No such customer: 'cus_gone'");
  }

  @Test
  void invoiceItemListsFilterByCustomer() {
    String a = emulator.createCustomer("A", Map.of());
    String b = emulator.createCustomer("B", Map.of());
    ok(http.post("/v1/invoiceitems", "customer", a, "amount", "100", "currency", "usd"), 200);
    ok(http.post("/v1/invoiceitems", "customer", b, "amount", "200", "currency", "usd"), 200);
    JsonNode list = ok(http.get("/v1/invoiceitems", "customer", b), 200);
    assertThat(list.get("data")).singleElement().satisfies(i -> assertThat(i.get("amount").asLong()).isEqualTo(200));
    assertThat(list.get("url").asText()).isEqualTo("/v1/invoiceitems");
    JsonNode missing = ok(http.post("/v1/invoiceitems", "customer", a, "currency", "usd"), 400).get("error");
    assertThat(missing.get("message").asText()).isEqualTo("Invalid invoice item: one of amount or unit_amount_decimal is required");
  }

  @Test
  void liveKeysMakeLiveObjects() {
    emulator.close();
    emulator = StripeEmulator.start(TestTime.config().withSecretKey("sk_live_leakproof"));
    http = new StripeHttp(emulator);
    JsonNode customer = ok(http.post("/v1/customers", "name", "Acme"), 200);
    assertThat(customer.get("livemode").asBoolean()).isTrue();
    JsonNode meter = ok(http.post("/v1/billing/meters", "display_name", "X", "event_name", "x", "default_aggregation[formula]", "count"), 200);
    assertThat(meter.get("id").asText()).startsWith("mtr_").doesNotStartWith("mtr_test_");
  }

  private static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.get("data").forEach(n -> out.add(n.get("id").asText()));
    return out;
  }
}
