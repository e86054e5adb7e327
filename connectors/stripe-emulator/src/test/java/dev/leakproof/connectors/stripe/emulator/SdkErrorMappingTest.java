package dev.leakproof.connectors.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.stripe.StripeClient;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.billing.MeterEventCreateParams;
import dev.leakproof.connectors.stripe.emulator.testutils.Sdk;
import dev.leakproof.connectors.stripe.emulator.testutils.TestTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which Stripe SDK exception each emulator error becomes: what a connector's error parser sees. */
class SdkErrorMappingTest {

  private StripeEmulator emulator;
  private StripeClient stripe;

  @BeforeEach
  void start() {
    emulator = StripeEmulator.start(TestTime.config());
    stripe = Sdk.client(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private MeterEventCreateParams event(String customer) {
    return MeterEventCreateParams.builder().setEventName("api_calls").setIdentifier("dup").putPayload("stripe_customer_id", customer)
        .putPayload("value", "1").build();
  }

  @Test
  void duplicateIdentifierIsAnInvalidRequestWithCodeResourceAlreadyExists() throws Exception {
    String customer = emulator.createCustomer("Acme", Map.of());
    emulator.createMeter("api_calls", "API calls");
    stripe.v1().billing().meterEvents().create(event(customer));
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> stripe.v1().billing().meterEvents().create(event(customer)));
    assertThat(e.getStatusCode()).isEqualTo(400);
    assertThat(e.getCode()).isEqualTo("resource_already_exists");
    assertThat(e.getParam()).isEqualTo("identifier");
    assertThat(e.getStripeError().getMessage()).isEqualTo("An event already exists with identifier dup.");
    assertThat(e.getRequestId()).startsWith("req_");
  }

  @Test
  void otherRefusalsMapToTheirSdkExceptions() {
    CustomerCreateParams acme = CustomerCreateParams.builder().setName("Acme").build();
    assertThat(catchThrowableOfType(AuthenticationException.class, () -> stripe.v1().customers().create(acme,
        RequestOptions.builder().setApiKey("sk_test_wrong").build())).getStatusCode()).isEqualTo(401);

    emulator.faults().rateLimitStorm(1, "/v1/customers", 2);
    assertThat(catchThrowableOfType(RateLimitException.class, () -> stripe.v1().customers().create(acme)).getCode()).isEqualTo("rate_limit");

    emulator.faults().serverErrors(1, "/v1/customers");
    assertThat(catchThrowableOfType(ApiException.class, () -> stripe.v1().customers().create(acme)).getStatusCode()).isEqualTo(500);

    RequestOptions key = RequestOptions.builder().setIdempotencyKey("k-1").build();
    IdempotencyException mismatch = catchThrowableOfType(IdempotencyException.class, () -> {
      stripe.v1().customers().create(acme, key);
      stripe.v1().customers().create(CustomerCreateParams.builder().setName("Globex").build(), key);
    });
    assertThat(mismatch.getStatusCode()).isEqualTo(400);
    assertThat(mismatch.getStripeError().getType()).isEqualTo("idempotency_error");
    assertThat(emulator.customers()).extracting(CustomerSnapshot::name).containsExactly("Acme");
  }
}
