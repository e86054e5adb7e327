package dev.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.cli.report.ReportData;
import dev.leakproof.cli.report.ReportPage;
import dev.leakproof.cli.testutils.HeadlessChromium;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report at 1,000 findings and 5,000 accounts in two currencies: the file stays small, the page
 * renders without an error, and the long lists are paged or capped.
 */
class ReportScaleIT {

  @TempDir
  Path tmp;

  @Test
  void aThousandFindingsAndFiveThousandAccountsStayReadable() throws Exception {
    String[] types = {"seat_true_up", "missing_invoice", "unbilled_overage", "renewal_uplift_missed", "rate_mismatch"};
    List<ReportData.Finding> findings = new ArrayList<>();
    BigDecimal usdLeakage = BigDecimal.ZERO;
    for (int i = 0; i < 1000; i++) {
      String currency = i % 10 == 0 ? "EUR" : "USD";
      BigDecimal amount = new BigDecimal(1000 + i * 7 + "." + String.format("%02d", i % 100));
      if (currency.equals("USD")) {
        usdLeakage = usdLeakage.add(amount);
      }
      String account = String.format("ACC-%05d", i * 5 + 1);
      findings.add(new ReportData.Finding(types[i % types.length], "leakage", account, "Customer " + i,
          "CTR-" + account.substring(4), null, "2026-01", "2026-05", amount, currency,
          "28 seats used, 20 licensed, 0 trued up in 2026-0" + (1 + i % 5) + "; and 4 more months",
          "Issue a true-up invoice for " + i + " seat-months.", i % 3 == 0 ? "escalate" : "flag"));
    }
    List<ReportData.ContractStatus> contracts = new ArrayList<>();
    for (int i = 1; i <= 5000; i++) {
      contracts.add(new ReportData.ContractStatus(String.format("CTR-%05d", i), String.format("ACC-%05d", i),
          "Customer " + i, "csm" + i % 40 + "@example.com", i % 10 == 0 ? "EUR" : "USD", i % 5 == 1 ? "flag" : "clean",
          i % 5 == 1 ? "findings: seat_true_up" : "no findings", i % 5 == 1 ? 1 : 0, BigDecimal.ZERO.setScale(2),
          BigDecimal.ZERO.setScale(2)));
    }
    List<ReportData.Renewal> renewals = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      long days = 2 + i % 179;
      renewals.add(new ReportData.Renewal(String.format("CTR-%05d", i + 1), String.format("ACC-%05d", i + 1),
          "Customer " + i, "csm@example.com", "USD", LocalDate.of(2026, 6, 15).plusDays(days).toString(), days,
          days <= 30 ? "T-30" : days <= 60 ? "T-60" : days <= 90 ? "T-90" : "later", new BigDecimal("12000.00"),
          new BigDecimal("600.00"), i % 4 == 0, i % 4 == 0 ? new BigDecimal("12000.00") : BigDecimal.ZERO.setScale(2),
          i % 4 == 0 ? "no CSM contact in 30 days" : ""));
    }
    List<ReportData.AccountTrend> flagged = new ArrayList<>();
    List<String> months = new ArrayList<>();
    for (int m = 0; m < 12; m++) {
      months.add(LocalDate.of(2025, 7, 1).plusMonths(m).toString().substring(0, 7));
    }
    for (int i = 0; i < 200; i++) {
      List<Long> seats = new ArrayList<>();
      List<BigDecimal> usage = new ArrayList<>();
      for (int m = 0; m < 12; m++) {
        seats.add(20L + m + i % 7);
        usage.add(new BigDecimal(1000 - m * 40 + i));
      }
      flagged.add(new ReportData.AccountTrend(String.format("ACC-%05d", i + 1), "Customer " + i, "flag", "expand",
          "high", 31, 20, new BigDecimal("155.00"), "api_calls", new BigDecimal("-22.50"), months, seats, usage,
          new BigDecimal("1234.50"), "USD"));
    }
    ReportData data = new ReportData(LocalDate.of(2026, 6, 15), Instant.parse("2026-06-15T06:00:00Z"), "scale test",
        findings, List.of(new ReportData.MonthAmount("2026-01", "seat_true_up", "USD", new BigDecimal("100.00"))),
        renewals, flagged, 3100, contracts, new ReportData.Hygiene(
            List.of(new ReportData.StreamCapture("usage", 6_000_000, 5_990_000, 5_000, 5_000, new BigDecimal("99.9166"))),
            List.of(new ReportData.Count("usage", "malformed_json", 5_000)), Collections.emptyList(),
            List.of(new ReportData.Count("usage", "late", 42)), null),
        new ReportData.InvoiceErrors(3100, 4, 120, new BigDecimal("3.87"),
            List.of(new ReportData.MonthErrors("2026-01", 3096, 4, 120, new BigDecimal("3.87")))),
        new ReportData.UsageSignals(2, List.of(new ReportData.Count("2026-01", "50%", 2)),
            List.of(new ReportData.Threshold("ACC-00001", "Customer 1", "api_calls", "2026-01", 50, "50000", "100000",
                "2026-01-20 10:00:00", "csm1@example.com")),
            List.of(new ReportData.LagHour("2026-06-15 05:00:00", "usage", "usage_events-0", 1000, 800, 1200, 1900,
                2100))), ReportData.LearnedSignals.NOT_SCORED);

    Path page = tmp.resolve("report.html");
    Files.writeString(page, ReportPage.render(data), StandardCharsets.UTF_8);
    assertThat(Files.size(page)).as("bytes").isLessThan(3_000_000);

    try (HeadlessChromium browser = HeadlessChromium.launch(tmp.resolve("chromium"))) {
      browser.open(page);
      assertThat(browser.consoleErrors()).isEmpty();
      assertThat(browser.evaluateString("document.getElementById('kpi-leakage').textContent"))
          .isEqualTo("USD " + String.format(java.util.Locale.ROOT, "%,.2f", usdLeakage));
      assertThat(browser.evaluateLong("document.querySelectorAll('#findings tbody tr').length")).isEqualTo(25);
      assertThat(browser.evaluateString("document.querySelector('#f-pager .range').textContent"))
          .isEqualTo("1–25 of 1,000");
      assertThat(browser.evaluateString("document.querySelector('#contracts-pager .range').textContent"))
          .isEqualTo("1–25 of 5,000");
      assertThat(browser.evaluateString("document.getElementById('flagged-hint').textContent"))
          .contains("3,100 accounts flagged", "the 200 most severe are drawn here");
      assertThat(browser.evaluateLong("document.querySelectorAll('#flagged svg.spark').length")).isEqualTo(50);
      // each lane shows at most 12 cards; its sums still count every renewal in it
      assertThat(browser.evaluateLong("Math.max(...[...document.querySelectorAll('.lane')].map(l => "
          + "l.querySelectorAll('.renewal').length))")).isEqualTo(12);
      long t30 = renewals.stream().filter(r -> r.lane().equals("T-30")).count();
      long t30Risk = renewals.stream().filter(r -> r.lane().equals("T-30") && r.atRisk()).count();
      assertThat(browser.evaluateString("document.querySelector('[data-lane=T-30] .sum').textContent"))
          .isEqualTo(String.format(java.util.Locale.ROOT, "%d renewals, USD %,d.00; USD %,d.00 at risk", t30,
              t30 * 12000, t30Risk * 12000));
      browser.setValue("#currency", "EUR");
      assertThat(browser.evaluateString("document.getElementById('kpi-leakage').textContent")).startsWith("EUR ");
      browser.click("#contracts-pager button[data-go=next]");
      assertThat(browser.evaluateString("document.querySelector('#contracts-pager .range').textContent"))
          .isEqualTo("26–50 of 5,000");
      assertThat(browser.consoleErrors()).isEmpty();
      browser.screenshot(Path.of("target", "report-scale.png"));
    }
  }
}
