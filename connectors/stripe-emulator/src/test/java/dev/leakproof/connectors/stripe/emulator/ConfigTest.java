package dev.leakproof.connectors.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration validation and masking, and the v1 form decoding every endpoint relies on. */
class ConfigTest {

  @Test
  void defaultsAreStripesLiveLimitsWithATestKey() {
    EmulatorConfig c = EmulatorConfig.defaults();
    assertThat(c.secretKey()).isEqualTo("sk_test_leakproof_emulator");
    assertThat(c.livemode()).isFalse();
    assertThat(List.of(c.basicPerSecond(), c.meterEventsPerSecond(), c.streamEventsPerSecond())).containsExactly(100, 1_000, 10_000);
    assertThat(c.meterEventLimits()).isEqualTo(MeterEventLimits.OWN_BUCKETS);
    assertThat(c.withTestModeLimits().basicPerSecond()).isEqualTo(25);
    assertThat(c.withTestModeLimits().meterEventLimits()).isEqualTo(MeterEventLimits.SHARED_WITH_BASIC);
    assertThat(c.toString()).contains("secretKey=sk_test_**************ator").doesNotContain("leakproof_emulator");
  }

  @Test
  void badValuesFailBeforeAPortIsBound() {
    assertThatThrownBy(() -> EmulatorConfig.defaults().withSecretKey("pk_test_123"))
        .hasMessage("Invalid stripe.emulator.secret-key: pk_test_*** (must look like sk_test_... or sk_live_...)");
    assertThatThrownBy(() -> EmulatorConfig.defaults().withRateLimits(0, 1, 1))
        .hasMessage("Invalid stripe.emulator.rate-limit.basic-per-second: 0 (must be positive)");
    assertThatThrownBy(() -> EmulatorConfig.defaults().withSummaryDelay(Duration.ofMillis(-1)))
        .hasMessageStartingWith("Invalid stripe.emulator.summary-delay: PT-0.001S");
    assertThatThrownBy(() -> EmulatorConfig.defaults().withPort(70_000)).hasMessage("Invalid stripe.emulator.port: 70000 (0-65535)");
  }

  @Test
  void formBodiesDecodeBracketNotation() {
    Map<String, Object> p = FormCodec.decode("event_name=api&payload%5Bstripe_customer_id%5D=cus_1&payload[value]=3"
        + "&expand[]=a&expand[]=b&items[0][price]=p1&items[1][price]=p2&metadata[note]=a%26b");
    assertThat(p).containsEntry("event_name", "api")
        .containsEntry("payload", Map.of("stripe_customer_id", "cus_1", "value", "3"))
        .containsEntry("expand", List.of("a", "b"))
        .containsEntry("items", List.of(Map.of("price", "p1"), Map.of("price", "p2")))
        .containsEntry("metadata", Map.of("note", "a&b"));
  }
}
