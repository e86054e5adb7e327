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
 * The invoice_error_rate mart on three contracts whose billing errors are placed by hand, as of
 * 2026-06-15 (closed months 2026-01..2026-05).
 */
class InvoiceErrorRateTest {

  static final LocalDate AS_OF = LocalDate.of(2026, 6, 15);

  @TempDir Path dir;

  /**
   * <pre>
   *          CTR-1                CTR-2                 CTR-3
   * 2026-01  rate mismatch        unbilled overage      ok
   * 2026-02  ok                   missing invoice       ok
   * 2026-03  8 of 10 seats        ok (+ a void one)     ok
   * 2026-04  ok                   overbilled            expired discount
   * 2026-05  rate mismatch        ok                    rate mismatch over two invoices
   * 2026-06  open month: its invoice is left out
   * </pre>
   * CTR-1's rate_mismatch finding spans 2026-01..2026-05; its invoices of 02..04 must not count it.
   */
  AuditFixture billing() {
    AuditFixture f = new AuditFixture(dir).account("ACC-1", "2026-06-01").account("ACC-2", "2026-06-01")
        .account("ACC-3", "2026-06-01")
        .contract(ContractSpec.of("CTR-1", "ACC-1").term("2026-01-01", "2026-12-31"))
        .contract(ContractSpec.of("CTR-2", "ACC-2").term("2026-01-01", "2026-12-31"))
        .contract(ContractSpec.of("CTR-3", "ACC-3").term("2026-01-01", "2026-12-31").discount("10", "2026-04-01"))
        .billCorrectly("CTR-1", "2026-01", "2026-06")
        .billCorrectly("CTR-2", "2026-01", "2026-05")
        .billCorrectly("CTR-3", "2026-01", "2026-05");
    for (String m : List.of("2026-01", "2026-05")) {
      f.unbill("CTR-1", m).line(f.invoice("CTR-1", m, "paid"), "seats", null, "10", "39.00", "390.00");
    }
    f.unbill("CTR-1", "2026-03").line(f.invoice("CTR-1", "2026-03", "paid"), "seats", null, "8", "40.00", "320.00");
    // 1,500 api_calls, 1,000 included, no overage line: 5.00 unbilled
    f.usage("u-1", "ws-ACC-2", "api_calls", "1500", "2026-01-10T12:00:00Z");
    f.unbill("CTR-2", "2026-02");
    f.line(f.invoice("CTR-2", "2026-03", "void"), "seats", null, "10", "1.00", "10.00");
    f.unbill("CTR-2", "2026-04").line(f.invoice("CTR-2", "2026-04", "paid"), "seats", null, "10", "41.50", "415.00");
    String expired = f.unbill("CTR-3", "2026-04").invoice("CTR-3", "2026-04", "paid");
    f.line(expired, "seats", null, "10", "40.00", "400.00").line(expired, "discount", null, "1", "-40.00", "-40.00");
    f.unbill("CTR-3", "2026-05").line(f.invoice("CTR-3", "2026-05", "paid"), "seats", null, "10", "39.00", "390.00");
    f.line(f.invoice("CTR-3", "2026-05", "open"), "true_up", null, "1", "40.00", "40.00");
    return f;
  }

  @Test
  void marksEveryInvoiceOfAMonthWithABillingErrorAndCountsMissingInvoicesAsErrors() throws Exception {
    List<List<Map<String, Object>>> results = billing().build(AS_OF,
        "SELECT leak_type, contract_id, period_start_label, period_end_label FROM main.leak_findings "
            + "ORDER BY leak_type, contract_id",
        "SELECT * FROM main.invoice_error_rate ORDER BY month_start");
    assertThat(results.get(0)).extracting(r -> r.get("leak_type") + " " + r.get("contract_id") + " "
        + r.get("period_start_label") + ".." + r.get("period_end_label")).containsExactly(
        "expired_discount_applied CTR-3 2026-04..2026-04",
        "missing_invoice CTR-2 2026-02..2026-02",
        "overbilled CTR-2 2026-04..2026-04",
        "rate_mismatch CTR-1 2026-01..2026-05",
        "rate_mismatch CTR-3 2026-05..2026-05",
        "seat_count_mismatch CTR-1 2026-03..2026-03",
        "unbilled_overage CTR-2 2026-01..2026-01");
    // month: invoices, missing, expected, with errors, rate
    assertThat(results.get(1)).extracting(r -> r.get("month_label") + ": " + r.get("invoices") + " "
        + r.get("missing_invoices") + " " + r.get("invoices_expected") + " " + r.get("invoices_with_errors") + " "
        + ((BigDecimal) r.get("error_rate")).toPlainString()).containsExactly(
        "2026-01: 3 0 3 2 0.6667",
        "2026-02: 2 1 3 1 0.3333",
        "2026-03: 3 0 3 1 0.3333",
        "2026-04: 3 0 3 2 0.6667",
        "2026-05: 4 0 4 3 0.7500");
  }

  @Test
  void countsTheInvoicesOfEachErrorType() throws Exception {
    List<Map<String, Object>> rows = billing().build(AS_OF,
        "SELECT * FROM main.invoice_error_rate ORDER BY month_start").get(0);
    assertThat(rows).extracting(r -> r.get("month_label") + ":"
        + " seats " + r.get("with_seat_count_mismatch") + " overage " + r.get("with_unbilled_overage")
        + " true_up " + r.get("with_seat_true_up") + " rate " + r.get("with_rate_mismatch")
        + " uplift " + r.get("with_renewal_uplift_missed") + " expired " + r.get("with_expired_discount_applied")
        + " excess " + r.get("with_discount_overapplied") + " over " + r.get("with_overbilled")).containsExactly(
        "2026-01: seats 0 overage 1 true_up 0 rate 1 uplift 0 expired 0 excess 0 over 0",
        "2026-02: seats 0 overage 0 true_up 0 rate 0 uplift 0 expired 0 excess 0 over 0",
        "2026-03: seats 1 overage 0 true_up 0 rate 0 uplift 0 expired 0 excess 0 over 0",
        "2026-04: seats 0 overage 0 true_up 0 rate 0 uplift 0 expired 1 excess 0 over 1",
        "2026-05: seats 0 overage 0 true_up 0 rate 3 uplift 0 expired 0 excess 0 over 0");
  }

  @Test
  void aCleanBookHasARateOfZeroAndAMonthOfOnlyMissingInvoicesARateOfOne() throws Exception {
    AuditFixture f = new AuditFixture(dir).account("ACC-1", "2026-06-01")
        .contract(ContractSpec.of("CTR-1", "ACC-1").term("2026-03-01", "2026-12-31"))
        .billCorrectly("CTR-1", "2026-03", "2026-05").unbill("CTR-1", "2026-04");
    List<Map<String, Object>> rows = f.build(AS_OF,
        "SELECT * FROM main.invoice_error_rate ORDER BY month_start").get(0);
    assertThat(rows).extracting(r -> r.get("month_label") + " " + r.get("invoices_expected") + " "
        + ((BigDecimal) r.get("error_rate")).toPlainString())
        .containsExactly("2026-03 1 0.0000", "2026-04 1 1.0000", "2026-05 1 0.0000");
  }
}
