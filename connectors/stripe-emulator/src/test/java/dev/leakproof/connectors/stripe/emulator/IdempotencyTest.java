package dev.leakproof.connectors.stripe.emulator;

import static dev.leakproof.connectors.stripe.emulator.testutils.StripeHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.param.CustomerCreateParams;
import dev.leakproof.connectors.stripe.emulator.testutils.StripeHttp;
import dev.leakproof.connectors.stripe.emulator.testutils.TestTime;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Idempotency keys: replay without re-execution, parameter mismatch, nothing saved for refused requests, timeouts. */
class IdempotencyTest {

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
  void sameKeyAndBodyReplaysWithoutExecutingAgain() {
    HttpResponse<String> first = http.postIdempotent("k-1", "/v1/customers", "name", "Acme");
    HttpResponse<String> second = http.postIdempotent("k-1", "/v1/customers", "name", "Acme");
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(second.headers().firstValue("Original-Request")).isEqualTo(first.headers().firstValue("Request-Id"));
    assertThat(second.headers().firstValue("Request-Id")).isNotEqualTo(first.headers().firstValue("Request-Id"));
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(emulator.customers()).hasSize(1);
  }

  @Test
  void sameKeyWithOtherParametersIsAnIdempotencyError() {
    ok(http.postIdempotent("k-1", "/v1/customers", "name", "Acme"), 200);
    HttpResponse<String> other = http.postIdempotent("k-1", "/v1/customers", "name", "Globex");
    JsonNode error = ok(other, 400).get("error");
    assertThat(error.get("type").asText()).isEqualTo("idempotency_error");
    assertThat(error.get("message").asText()).isEqualTo("Keys for idempotent requests can only be used with the same parameters they "
        + "were first used with. Try using a key other than 'k-1' if you meant to execute a different request.");
    assertThat(other.headers().firstValue("Stripe-Should-Retry")).hasValue("false");
    assertThat(emulator.customers()).hasSize(1);
  }

  @Test
  void keysExpireAfter24Hours() {
    ok(http.postIdempotent("k-1", "/v1/customers", "name", "Acme"), 200);
    emulator.advanceClock(Duration.ofHours(24));
    ok(http.postIdempotent("k-1", "/v1/customers", "name", "Globex"), 200);
    assertThat(emulator.customers()).extracting(CustomerSnapshot::name).containsExactly("Acme", "Globex");
  }

  @Test
  void injectedServerErrorsAndValidationErrorsAreNotSaved() {
    emulator.faults().serverErrors(1, "/v1/customers");
    HttpResponse<String> failed = http.postIdempotent("k-1", "/v1/customers", "name", "Acme");
    assertThat(ok(failed, 500).get("error").get("type").asText()).isEqualTo("api_error");
    assertThat(failed.headers().firstValue("Stripe-Should-Retry")).hasValue("true");
    assertThat(emulator.customers()).isEmpty();
    HttpResponse<String> retried = http.postIdempotent("k-1", "/v1/customers", "name", "Acme");
    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(retried.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(emulator.customers()).hasSize(1);

    assertThat(http.postIdempotent("k-2", "/v1/customers", "email", "not-an-email").statusCode()).isEqualTo(400);
    assertThat(http.postIdempotent("k-2", "/v1/customers", "email", "ops@acme.test").statusCode()).isEqualTo(200);
  }

  @Test
  void timedOutRequestsExecuteOnceAndTheirRetryReplays() throws Exception {
    String customer = emulator.createCustomer("Acme", Map.of());
    emulator.faults().timeouts(1, "/v1/invoiceitems", Faults.TimeoutMode.HOLD, Duration.ofSeconds(2));
    HttpClient impatient = HttpClient.newHttpClient();
    HttpRequest request = http.authed("/v1/invoiceitems").header("Idempotency-Key", "k-ii").timeout(Duration.ofMillis(300))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(StripeHttp.body("customer", customer, "amount", "-700", "currency", "usd")).build();
    assertThatThrownBy(() -> impatient.send(request, HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
    assertThat(emulator.invoiceItems()).hasSize(1);
    HttpResponse<String> retry = http.postIdempotent("k-ii", "/v1/invoiceitems", "customer", customer, "amount", "-700", "currency", "usd");
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(ok(retry, 200).get("id").asText()).isEqualTo(emulator.invoiceItems().get(0).id());

    emulator.faults().timeouts(1, "/v1/invoiceitems", Faults.TimeoutMode.DROP, Duration.ZERO);
    HttpRequest dropped = http.authed("/v1/invoiceitems").header("Idempotency-Key", "k-ii-2")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(StripeHttp.body("customer", customer, "amount", "900", "currency", "usd")).build();
    assertThatThrownBy(() -> impatient.send(dropped, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    assertThat(emulator.invoiceItems()).hasSize(2);
    assertThat(http.postIdempotent("k-ii-2", "/v1/invoiceitems", "customer", customer, "amount", "900", "currency", "usd")
        .headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(emulator.invoiceItems()).hasSize(2);
  }

  @Test
  void theSdkRetriesAnInjected500WithItsOwnKeyAndExecutesOnce() throws StripeException {
    String base = emulator.baseUri().toString();
    StripeClient retrying = StripeClient.builder().setApiKey(emulator.secretKey()).setApiBase(base).setMeterEventsBase(base)
        .setMaxNetworkRetries(2).build();
    emulator.faults().serverErrors(1, "/v1/customers");
    assertThat(retrying.v1().customers().create(CustomerCreateParams.builder().setName("Acme").build()).getName()).isEqualTo("Acme");
    assertThat(emulator.customers()).hasSize(1);
    assertThat(emulator.requestCount("/v1/customers")).isEqualTo(2);
  }

  @Test
  void keysArePerCredential() {
    emulator.createMeter("tokens", "Tokens");
    String token = ok(http.postIdempotent("shared", "/v2/billing/meter_event_session", new String[0]), 200).get("authentication_token").asText();
    HttpResponse<String> stream = http.as(token).send(http.as(token).authed(StreamApi.PATH).header("Idempotency-Key", "shared")
        .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[{\"event_name\":\"tokens\",\"payload\":{\"stripe_customer_id\":\"cus_x\",\"value\":\"1\"}}]}")));
    assertThat(stream.statusCode()).isEqualTo(202);
    assertThat(stream.headers().firstValue("Idempotent-Replayed")).isEmpty();
  }
}
