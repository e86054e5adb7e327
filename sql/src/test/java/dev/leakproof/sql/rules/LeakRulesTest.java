package dev.leakproof.sql.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.sql.testutils.AuditFixture;
import dev.leakproof.sql.testutils.AuditFixture.ContractSpec;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each leak rule of spec section 4 on a small hand-made dataset, as of 2026-06-15 (closed months
 * end with 2026-05). Amounts are worked out by hand in the comments.
 */
class LeakRulesTest {

  static final LocalDate AS_OF = LocalDate.of(2026, 6, 15);

  @TempDir Path dir;

  /** leak_type, contract (or account for account-level types), metric, period, amount. */
  static String row(Map<String, Object> f) {
    Object subject = f.get("contract_id") != null ? f.get("contract_id") : f.get("account_id");
    return f.get("leak_type") + " " + subject + " " + (f.get("metric") == null ? "-" : f.get("metric")) + " "
        + f.get("period_start_label") + ".." + f.get("period_end_label") + " "
        + ((BigDecimal) f.get("amount")).toPlainString();
  }

  static List<String> rows(List<Map<String, Object>> findings) {
    return findings.stream().map(LeakRulesTest::row).toList();
  }

  AuditFixture standard() {
    return new AuditFixture(dir).account("ACC-1", "2026-06-01");
  }

  @Test
  void missingInvoiceIsTheListPriceLessTheDiscountInForce() throws Exception {
    AuditFixture f = standard()
        .contract(ContractSpec.of("CTR-1", "ACC-1").discount("10", "2025-07-01"))
        .billCorrectly("CTR-1", "2025-01", "2026-05")
        .unbill("CTR-1", "2025-03")
        .unbill("CTR-1", "2025-09");
    // 2025-03: 10 x 40.00 - 10% = 360.00; 2025-09 (discount ended): 400.00
    assertThat(rows(f.audit(AS_OF))).containsExactly("missing_invoice CTR-1 - 2025-03..2025-09 760.00");
  }

  @Test
  void seatCountMismatchBillsTheMissingSeatsAtTheContractedPrice() throws Exception {
    AuditFixture f = standard().contract(ContractSpec.of("CTR-1", "ACC-1"))
        .billCorrectly("CTR-1", "2025-01", "2026-05").unbill("CTR-1", "2026-02");
    String inv = f.invoice("CTR-1", "2026-02", "paid");
    f.line(inv, "seats", null, "8", "40.00", "320.00");
    assertThat(rows(f.audit(AS_OF))).containsExactly("seat_count_mismatch CTR-1 - 2026-02..2026-02 80.00");
  }

  @Test
  void upliftMissedAcrossTwoAnniversaries() throws Exception {
    // p(y0) = 40.00, p(y1) = 42.00, p(y2) = round(40 x 1.05^2) = 44.10
    AuditFixture f = standard()
        .contract(ContractSpec.of("CTR-1", "ACC-1").term("2024-01-01", "2026-12-31").uplift("5"))
        .billCorrectly("CTR-1", "2024-01", "2024-12");
    for (int m = 1; m <= 12; m++) {
      String inv = f.invoice("CTR-1", String.format("2025-%02d", m), "paid");
      f.line(inv, "seats", null, "10", "40.00", "400.00");
    }
    for (int m = 1; m <= 5; m++) {
      String inv = f.invoice("CTR-1", String.format("2026-%02d", m), "paid");
      f.line(inv, "seats", null, "10", "42.00", "420.00");
    }
    // 2025: 12 x 10 x 2.00 = 240.00; 2026-01..05 at last year's price: 5 x 10 x 2.10 = 105.00
    assertThat(rows(f.audit(AS_OF))).containsExactly("renewal_uplift_missed CTR-1 - 2025-01..2026-05 345.00");
  }

  @Test
  void rateMismatchIsBelowContractButNotAnEarlierYearsPrice() throws Exception {
    AuditFixture f = standard()
        .contract(ContractSpec.of("CTR-1", "ACC-1").term("2024-01-01", "2026-12-31").uplift("5"))
        .billCorrectly("CTR-1", "2024-01", "2026-05")
        .unbill("CTR-1", "2025-04")
        .unbill("CTR-1", "2026-02");
    f.line(f.invoice("CTR-1", "2025-04", "paid"), "seats", null, "10", "41.00", "410.00");
    f.line(f.invoice("CTR-1", "2026-02", "paid"), "seats", null, "10", "43.995", "439.95");
    // 2025-04: (42.00 - 41.00) x 10 = 10.00; 2026-02: 441.00 - 439.95 = 1.05 (billed 43.995 < 44.10 - 0.005)
    assertThat(rows(f.audit(AS_OF))).containsExactly("rate_mismatch CTR-1 - 2025-04..2026-02 11.05");
  }

  @Test
  void overbilledIsADisputeRisk() throws Exception {
    AuditFixture f = standard().contract(ContractSpec.of("CTR-1", "ACC-1"))
        .billCorrectly("CTR-1", "2025-01", "2026-05").unbill("CTR-1", "2025-12");
    f.line(f.invoice("CTR-1", "2025-12", "paid"), "seats", null, "10", "41.50", "415.00");
    List<Map<String, Object>> findings = f.audit(AS_OF);
    assertThat(rows(findings)).containsExactly("overbilled CTR-1 - 2025-12..2025-12 15.00");
    assertThat(findings.get(0).get("kind")).isEqualTo("dispute_risk");
  }

  @Test
  void discountEndingInsideTheWindowAndBilledAfterItsEndIsExpired() throws Exception {
    AuditFixture f = standard()
        .contract(ContractSpec.of("CTR-1", "ACC-1").discount("10", "2025-07-01"))
        .billCorrectly("CTR-1", "2025-01", "2026-05");
    for (String m : List.of("2025-07", "2025-08")) {
      f.unbill("CTR-1", m);
      String inv = f.invoice("CTR-1", m, "paid");
      f.line(inv, "seats", null, "10", "40.00", "400.00");
      f.line(inv, "discount", null, "1", "-40.00", "-40.00");
    }
    assertThat(rows(f.audit(AS_OF))).containsExactly("expired_discount_applied CTR-1 - 2025-07..2025-08 80.00");
  }

  @Test
  void discountOverappliedIsTheExcessOverTheDiscountInForce() throws Exception {
    AuditFixture f = standard()
        .contract(ContractSpec.of("CTR-1", "ACC-1").discount("10", null))
        .billCorrectly("CTR-1", "2025-01", "2026-05").unbill("CTR-1", "2025-04");
    String inv = f.invoice("CTR-1", "2025-04", "paid");
    f.line(inv, "seats", null, "10", "40.00", "400.00");
    f.line(inv, "discount", null, "1", "-60.00", "-60.00");
    assertThat(rows(f.audit(AS_OF))).containsExactly("discount_overapplied CTR-1 - 2025-04..2025-04 20.00");
  }

  @Test
  void seatTrueUpCountsPeakSeatsAboveLicenceAndBilledTrueUps() throws Exception {
    AuditFixture f = standard().contract(ContractSpec.of("CTR-1", "ACC-1"))
        .billCorrectly("CTR-1", "2025-01", "2026-05")
        .usersAdded("ws-ACC-1", "u", 10, "2025-01-02T09:00:00Z")
        // December: an 11th user for ten days, then removed: the peak counts
        .seat("se-x1", "ws-ACC-1", "x1", "added", "2025-12-10T09:00:00Z")
        .seat("se-x2", "ws-ACC-1", "x1", "removed", "2025-12-20T09:00:00Z")
        // from February 12 users, for good
        .usersAdded("ws-ACC-1", "v", 2, "2026-02-10T09:00:00Z")
        // a repeated 'added' and a 'removed' of an unknown user change nothing
        .seat("se-dup", "ws-ACC-1", "u1", "added", "2026-02-11T09:00:00Z")
        .seat("se-ghost", "ws-ACC-1", "ghost", "removed", "2026-02-12T09:00:00Z");
    f.line(f.invoice("CTR-1", "2026-03", "paid"), "true_up", null, "2", "40.00", "80.00");
    f.line(f.invoice("CTR-1", "2026-04", "paid"), "true_up", null, "1", "40.00", "40.00");
    // 2025-12: 1 x 40; 2026-02: 2 x 40; 2026-03: trued up; 2026-04: 1 x 40; 2026-05: 2 x 40 = 240.00
    assertThat(rows(f.audit(AS_OF))).containsExactly("seat_true_up CTR-1 - 2025-12..2026-05 240.00");
  }

  @Test
  void unbilledOverageOverAMonthWithTwoInvoicesAndCorrections() throws Exception {
    AuditFixture f = standard().contract(ContractSpec.of("CTR-1", "ACC-1"))
        .billCorrectly("CTR-1", "2025-01", "2026-05")
        .usage("ev-1", "ws-ACC-1", "api_calls", "1500", "2026-03-10T10:00:00Z")
        .usage("ev-2", "ws-ACC-1", "api_calls", "2000", "2026-04-10T10:00:00Z")
        .usageCorrection("ev-3", "ws-ACC-1", "api_calls", "1500", "2026-04-11T10:00:00Z", "ev-2")
        .usageCorrection("ev-4", "ws-ACC-1", "api_calls", "1200", "2026-04-12T10:00:00Z", "ev-2")
        .usage("ev-5", "ws-ACC-1", "emails_sent", "400", "2026-04-10T10:00:00Z");
    // March: (1500 - 1000) x 0.01 = 5.00 expected; a second invoice bills 3.00 of it
    f.line(f.invoice("CTR-1", "2026-03", "paid"), "overage", "api_calls", "300", "0.0100", "3.00");
    // April: the last correction wins: (1200 - 1000) x 0.01 = 2.00; emails under the 500 included
    assertThat(rows(f.audit(AS_OF))).containsExactly("unbilled_overage CTR-1 api_calls 2026-03..2026-04 4.00");
  }

  @Test
  void aMonthWithTwoInvoicesIsBilledAsTheirSum() throws Exception {
    AuditFixture f = standard().contract(ContractSpec.of("CTR-1", "ACC-1"))
        .billCorrectly("CTR-1", "2025-01", "2026-05").unbill("CTR-1", "2026-02");
    f.line(f.invoice("CTR-1", "2026-02", "paid"), "seats", null, "6", "40.00", "240.00");
    f.line(f.invoice("CTR-1", "2026-02", "open"), "seats", null, "4", "40.00", "160.00");
    assertThat(f.audit(AS_OF)).isEmpty();
  }

  @Test
  void voidInvoicesAreIgnored() throws Exception {
    AuditFixture f = standard().contract(ContractSpec.of("CTR-1", "ACC-1"))
        .billCorrectly("CTR-1", "2025-01", "2026-05")
        .unbill("CTR-1", "2026-01")
        .unbill("CTR-1", "2026-02");
    f.line(f.invoice("CTR-1", "2026-01", "void"), "seats", null, "10", "40.00", "400.00");
    f.line(f.invoice("CTR-1", "2026-02", "void"), "seats", null, "10", "30.00", "300.00");
    f.line(f.invoice("CTR-1", "2026-02", "paid"), "seats", null, "10", "40.00", "400.00");
    // January has only a void invoice: missing; February's void one at the wrong price is ignored
    assertThat(rows(f.audit(AS_OF))).containsExactly("missing_invoice CTR-1 - 2026-01..2026-01 400.00");
  }

  @Test
  void expansionOpportunityWhenSeatsExceedTheLicenceInTheLatestClosedMonth() throws Exception {
    AuditFixture f = standard().contract(ContractSpec.of("CTR-1", "ACC-1").noAutoBill())
        .billCorrectly("CTR-1", "2025-01", "2026-05")
        .usersAdded("ws-ACC-1", "u", 12, "2026-04-02T09:00:00Z")
        .usersAdded("ws-ACC-1", "w", 3, "2026-05-03T09:00:00Z");
    // May: 15 used vs 10 licensed: 5 x 40.00 x 12 = 2400.00; no true-up without auto-billing
    List<Map<String, Object>> findings = f.audit(AS_OF);
    assertThat(rows(findings)).containsExactly("expansion_opportunity CTR-1 - 2026-05..2026-05 2400.00");
    assertThat(findings.get(0).get("kind")).isEqualTo("opportunity");
  }

  @Test
  void renewalAtRiskPricesTheNextTermOfAnAutoRenewedContract() throws Exception {
    AuditFixture f = new AuditFixture(dir)
        .account("ACC-1", "2026-04-01")
        .account("ACC-2", "2026-06-01")
        .account("ACC-3", null)
        // auto-renewed once: its years count from 2024-09; the month after its end is year 2
        .contract(ContractSpec.of("CTR-1", "ACC-1").term("2024-09-01", "2026-08-31").uplift("5").autoRenewed())
        .contract(ContractSpec.of("CTR-2", "ACC-2").term("2024-09-01", "2026-08-31"))
        .contract(ContractSpec.of("CTR-3", "ACC-3").term("2025-09-01", "2026-08-31"))
        .billCorrectly("CTR-1", "2024-09", "2026-05")
        .billCorrectly("CTR-2", "2024-09", "2026-05")
        .billCorrectly("CTR-3", "2025-09", "2026-05");
    // CTR-1: 10 x 44.10 x 12 = 5292.00; CTR-2 was contacted 14 days ago; CTR-3 never: 10 x 40 x 12
    assertThat(rows(f.audit(AS_OF))).containsExactly(
        "renewal_at_risk CTR-1 - 2026-08..2026-08 5292.00",
        "renewal_at_risk CTR-3 - 2026-08..2026-08 4800.00");
  }

  @Test
  void usageDeclineComparesTheLast28DaysWithThe28Before() throws Exception {
    AuditFixture f = new AuditFixture(dir)
        .account("ACC-1", "2026-06-01").account("ACC-2", "2026-06-01").account("ACC-3", "2026-06-01")
        .contract(ContractSpec.of("CTR-1", "ACC-1"))
        .contract(ContractSpec.of("CTR-2", "ACC-2"))
        .contract(ContractSpec.of("CTR-3", "ACC-3"))
        .billCorrectly("CTR-1", "2025-01", "2026-05")
        .billCorrectly("CTR-2", "2025-01", "2026-05")
        .billCorrectly("CTR-3", "2025-01", "2026-05");
    // prev window: 2026-04-21..2026-05-18, last window: 2026-05-19..2026-06-15
    f.usage("a1", "ws-ACC-1", "api_calls", "1000", "2026-04-21T00:00:00Z")
        .usage("a2", "ws-ACC-1", "api_calls", "800", "2026-05-19T00:00:00Z")
        .usage("b1", "ws-ACC-2", "api_calls", "1000", "2026-05-01T00:00:00Z")
        .usage("b2", "ws-ACC-2", "api_calls", "801", "2026-06-15T23:59:59Z")
        .usage("c1", "ws-ACC-3", "api_calls", "99", "2026-05-01T00:00:00Z");
    // ACC-1 fell to exactly 80%: ARR in force 10 x 40.00 x 12 = 4800.00; ACC-2 to 80.1%; ACC-3 too small
    List<Map<String, Object>> findings = f.audit(AS_OF);
    assertThat(rows(findings)).containsExactly("usage_decline ACC-1 - 2026-06..2026-06 4800.00");
    assertThat(findings.get(0).get("contract_id")).isNull();
    assertThat((String) findings.get(0).get("evidence")).isEqualTo("api_calls fell from 1000 to 800");
  }

  @Test
  void handoffIncompleteForContractsStartedInTheLast180Days() throws Exception {
    AuditFixture f = new AuditFixture(dir).account("ACC-1", "2026-06-01").account("ACC-2", "2026-06-01")
        .contract(ContractSpec.of("CTR-1", "ACC-1").term("2026-02-01", "2027-01-31").handoff("Pat", "SSO", null))
        .contract(ContractSpec.of("CTR-2", "ACC-2").term("2025-12-01", "2026-11-30").handoff(null, null, null))
        .billCorrectly("CTR-1", "2026-02", "2026-05")
        .billCorrectly("CTR-2", "2025-12", "2026-05");
    List<Map<String, Object>> findings = f.audit(AS_OF);
    assertThat(rows(findings)).containsExactly("handoff_incomplete CTR-1 - 2026-02..2026-02 0.00");
    assertThat((String) findings.get(0).get("evidence")).contains("closed_rate_note");
  }

  @Test
  void aCleanContractHasNoFindings() throws Exception {
    AuditFixture f = standard()
        .contract(ContractSpec.of("CTR-1", "ACC-1").term("2024-03-01", "2027-02-28").uplift("3")
            .discount("15", "2025-03-01"))
        .billCorrectly("CTR-1", "2024-03", "2026-05")
        .usersAdded("ws-ACC-1", "u", 10, "2024-03-05T09:00:00Z")
        .usage("ev-1", "ws-ACC-1", "api_calls", "900", "2026-03-10T10:00:00Z");
    assertThat(f.audit(AS_OF)).isEmpty();
  }
}
