package dev.leakproof.connectors.stripe.emulator;

import static dev.leakproof.connectors.stripe.emulator.testutils.StripeHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.exception.RateLimitException;
import dev.leakproof.connectors.stripe.emulator.testutils.Sdk;
import dev.leakproof.connectors.stripe.emulator.testutils.StripeHttp;
import dev.leakproof.connectors.stripe.emulator.testutils.TestTime;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rate limits over HTTP: bursts get 429 with Retry-After, paced clients do not; 429 storms. */
class RateLimitTest {

  private StripeEmulator emulator;

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void aBurstOverTheBasicLimitGets429WithRetryAfter() {
    emulator = StripeEmulator.start(TestTime.config().withRateLimits(5, 1_000, 10_000));
    StripeHttp http = new StripeHttp(emulator);
    for (int i = 0; i < 5; i++) {
      ok(http.get("/v1/customers"), 200);
    }
    HttpResponse<String> limited = http.get("/v1/customers");
    JsonNode error = ok(limited, 429).get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("code").asText()).isEqualTo("rate_limit");
    assertThat(error.get("message").asText()).startsWith("Request rate limit exceeded.");
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(limited.headers().firstValue("Stripe-Should-Retry")).hasValue("true");
  }

  @Test
  void streamPacedAt95PercentIsNeverLimitedAndAt110PercentIs() {
    emulator = StripeEmulator.start(TestTime.config().withRateLimits(100, 1_000, 2_000));
    StripeHttp http = new StripeHttp(emulator);
    String customer = emulator.createCustomer("Acme", Map.of());
    emulator.createMeter("tokens", "Tokens");
    StripeHttp stream = http.as(ok(http.postJson("/v2/billing/meter_event_session", "{}"), 200).get("authentication_token").asText());
    StringJoiner events = new StringJoiner(",", "{\"events\":[", "]}");
    for (int i = 0; i < 100; i++) {
      events.add("{\"event_name\":\"tokens\",\"identifier\":\"e" + i + "\",\"payload\":{\"stripe_customer_id\":\"" + customer + "\",\"value\":\"1\"}}");
    }
    String batch = events.toString();
    assertThat(drain(stream, batch)).as("requests of 100 events in the first burst").isGreaterThanOrEqualTo(20);
    assertThat(paced(stream, batch, 0.95, 20)).as("429s at 95%").isZero();
    drain(stream, batch);
    assertThat(paced(stream, batch, 1.10, 20)).as("429s at 110%").isPositive();
  }

  /** Sends batches until the first 429; returns how many were accepted. */
  private static int drain(StripeHttp stream, String batch) {
    int accepted = 0;
    while (stream.postJson(StreamApi.PATH, batch).statusCode() == 202) {
      accepted++;
    }
    return accepted;
  }

  /** Sends {@code requests} batches of 100 events on an absolute schedule at {@code share} of 2,000 events/s; returns the 429 count. */
  private static int paced(StripeHttp stream, String batch, double share, int requests) {
    long interval = Math.round(100 / (share * 2_000) * 1e9);
    long start = System.nanoTime();
    int limited = 0;
    for (int i = 1; i <= requests; i++) {
      long wait = start + i * interval - System.nanoTime();
      if (wait > 0) {
        StripeHttp.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      limited += stream.postJson(StreamApi.PATH, batch).statusCode() == 429 ? 1 : 0;
    }
    return limited;
  }

  @Test
  void inTestModeMeterEventRequestsCountAsBasicRequests() {
    emulator = StripeEmulator.start(TestTime.config().withTestModeLimits().withRateLimits(3, 1_000, 10_000));
    StripeHttp http = new StripeHttp(emulator);
    String customer = emulator.createCustomer("Acme", Map.of());
    emulator.createMeter("tokens", "Tokens");
    ok(http.get("/v1/customers"), 200);
    ok(http.post("/v1/billing/meter_events", "event_name", "tokens", "payload[stripe_customer_id]", customer, "payload[value]", "1"), 200);
    ok(http.post("/v1/billing/meter_events", "event_name", "tokens", "payload[stripe_customer_id]", customer, "payload[value]", "1"), 200);
    assertThat(http.post("/v1/billing/meter_events", "event_name", "tokens", "payload[stripe_customer_id]", customer,
        "payload[value]", "1").statusCode()).isEqualTo(429);
  }

  @Test
  void rateLimitStormsByCountAndByDuration() {
    emulator = StripeEmulator.start(TestTime.config());
    StripeHttp http = new StripeHttp(emulator);
    emulator.faults().rateLimitStorm(2, "/v1/customers", 3);
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> r = http.get("/v1/customers");
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(r.headers().firstValue("Retry-After")).hasValue("3");
    }
    ok(http.get("/v1/customers"), 200);

    ok(http.raw("POST", "/__emulator/faults", "{\"fault\":\"rate-limit-storm\",\"durationMillis\":300,\"pathPrefix\":\"/v2/\"}"), 200);
    assertThat(http.postJson("/v2/billing/meter_event_session", "{}").statusCode()).isEqualTo(429);
    assertThatThrownBy(() -> Sdk.client(emulator).v2().billing().meterEventSession().create()).isInstanceOf(RateLimitException.class);
    ok(http.get("/v1/customers"), 200);
    StripeHttp.sleep(350);
    ok(http.postJson("/v2/billing/meter_event_session", "{}"), 200);
    assertThat(emulator.requestCount("/v2/")).isEqualTo(3);
  }
}
