package dev.leakproof.cli.renewals;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** What a renewal email says about the account's learned leakage risk: its line only once scored. */
class RenewalTest {

  private static Renewal renewal(BigDecimal riskPct, String band) {
    return new Renewal("CTR-1", "ACC-1", "Acme", "csm@example.com", "USD", LocalDate.of(2026, 9, 1), 78, "T-90", 10,
        new BigDecimal("40.00"), new BigDecimal("41.20"), new BigDecimal("4944.00"), new BigDecimal("144.00"), false,
        null, 9, new BigDecimal("90.00"), new BigDecimal("1500.00"), new BigDecimal("-5.00"), 80L,
        new BigDecimal("0.00"), riskPct, band);
  }

  @Test
  void aScoredAccountsSummaryEndsWithItsLeakageRisk() {
    Renewal r = renewal(new BigDecimal("73.4"), "high");

    assertThat(r.leakageRisk()).isEqualTo("73.4% (high)");
    assertThat(r.usageSummary()).endsWith(String.format("Open leakage on the account: USD 0.00%n"
        + "Leakage risk next quarter: 73.4%% (high)"));
  }

  @Test
  void anUnscoredAccountsSummaryIsAsBefore() {
    Renewal r = renewal(null, null);

    assertThat(r.leakageRisk()).isNull();
    assertThat(r.usageSummary()).endsWith("Open leakage on the account: USD 0.00").doesNotContain("Leakage risk");
  }
}
