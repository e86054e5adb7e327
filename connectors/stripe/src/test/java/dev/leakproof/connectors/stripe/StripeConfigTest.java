package dev.leakproof.connectors.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StripeConfigTest {

  @Test
  void limitsFollowTheKeysModeLessTheHeadroom() {
    StripeConfig test = StripeConfig.from(Map.of("meters.api_calls", "api_calls"),
        Map.of("STRIPE_API_KEY", "sk_test_abc"));
    assertThat(test.livemode()).isFalse();
    assertThat(test.limits()).isEqualTo(new StripeConfig.Limits(23.75, 23.75, true, 2375));
    StripeConfig live = StripeConfig.from(Map.of("rate.headroom-pct", "0"), Map.of("STRIPE_API_KEY", "sk_live_abc"));
    assertThat(live.limits()).isEqualTo(new StripeConfig.Limits(100, 1000, false, 10_000));
    assertThat(live.describe()).contains("stripe.api-key = **** (live mode)").doesNotContain("sk_live_abc");
    assertThat(test.meterFor("api_calls")).contains("api_calls");
    assertThat(StripeConfig.from(Map.of("usage.timestamp-margin", "2d", "usage.cancel-margin", "30m"),
        Map.of("STRIPE_API_KEY", "sk_test_x")).timestampMargin()).isEqualTo(java.time.Duration.ofDays(2));
    assertThat(StripeConfig.from(Map.of("meters.ai_tokens", "none"), Map.of("STRIPE_API_KEY", "sk_test_x"))
        .meterFor("ai_tokens")).isEmpty();
  }

  @Test
  void invalidSettingsNameTheKeyAndTheValue() {
    assertThatThrownBy(() -> StripeConfig.from(Map.of(), Map.of()))
        .hasMessageStartingWith("Invalid stripe.api-key: missing (set STRIPE_API_KEY");
    assertThatThrownBy(() -> StripeConfig.from(Map.of(), Map.of("STRIPE_API_KEY", "pk_test_x")))
        .hasMessage("Invalid stripe.api-key: not a secret or restricted key (sk_..., rk_...)");
    assertThatThrownBy(() -> StripeConfig.from(Map.of("api-key", "sk_test_x"), Map.of()))
        .hasMessage("Invalid stripe.api-key: secrets are read from the environment only (set STRIPE_API_KEY)");
    assertThatThrownBy(() -> StripeConfig.from(Map.of("usage.transport", "v3"), Map.of("STRIPE_API_KEY", "sk_test_x")))
        .hasMessage("Invalid stripe.usage.transport: v3 (auto, v1 or v2)");
    assertThatThrownBy(() -> StripeConfig.from(Map.of("usage.cancel-margin", "25h"), Map.of("STRIPE_API_KEY", "sk_test_x")))
        .hasMessage("Invalid stripe.usage.cancel-margin: PT25H (0..PT24H)");
    assertThatThrownBy(() -> StripeConfig.from(Map.of("rate.burst", "3"), Map.of("STRIPE_API_KEY", "sk_test_x")))
        .hasMessage("Invalid stripe.rate.burst: unknown setting");
  }

  @Test
  void moneyGoesToStripesMinorUnitsExactly() {
    assertThat(Currencies.toMinor(new BigDecimal("1674.25"), "USD")).isEqualTo(167425);
    assertThat(Currencies.toMinor(new BigDecimal("0.005"), "usd")).isEqualTo(1);
    assertThat(Currencies.toMinor(new BigDecimal("-0.105"), "EUR")).isEqualTo(-11);
    assertThat(Currencies.toMinor(new BigDecimal("1500"), "JPY")).isEqualTo(1500);
    assertThat(Currencies.toMinor(new BigDecimal("1.2345"), "KWD")).isEqualTo(1235);
    assertThat(Currencies.fromMinor(-1050, "usd")).isEqualByComparingTo("-10.50");
    assertThatThrownBy(() -> Currencies.code("dollars")).hasMessage("Invalid currency: dollars (a three-letter ISO code)");
  }
}
