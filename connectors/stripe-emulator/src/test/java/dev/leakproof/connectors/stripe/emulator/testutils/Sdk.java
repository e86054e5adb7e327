package dev.leakproof.connectors.stripe.emulator.testutils;

import com.stripe.StripeClient;
import dev.leakproof.connectors.stripe.emulator.StripeEmulator;

/** The real Stripe Java SDK pointed at an emulator: both the API base and the meter-events base. */
public final class Sdk {

  private Sdk() {
  }

  public static StripeClient client(StripeEmulator emulator) {
    String base = emulator.baseUri().toString();
    return StripeClient.builder().setApiKey(emulator.secretKey()).setApiBase(base).setMeterEventsBase(base).build();
  }
}
