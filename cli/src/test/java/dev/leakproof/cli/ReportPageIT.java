package dev.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.cli.testutils.HeadlessChromium;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leakage report of the sample audit, opened in a real headless Chromium: the charts render
 * without a console error, the numbers on the page are the findings', and the findings table
 * sorts, filters and pages in the browser. With no model the "Learned signals" section is one
 * line saying how to score; with rows in the ml tables it shows them and their two charts. The
 * screenshots are left in target/ for a person.
 */
class ReportPageIT {

  private static final Path SAMPLE = Path.of("../../shared/sample-dataset").toAbsolutePath().normalize();

  @TempDir
  static Path tmp;

  static Path out;

  @BeforeAll
  static void audit() {
    out = tmp.resolve("audit");
    CliTestSupport.Run run = CliTestSupport.run("audit", "--dataset", SAMPLE.toString(), "--as-of", "2026-06-15",
        "--out", out.toString(), "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  @Test
  void theSampleReportRendersItsChartsAndItsNumbersAreTheFindings() throws Exception {
    Path page = out.resolve("report.html");
    String html = Files.readString(page);
    assertThat(html).doesNotContain("http://", "https://cdn", "src=\"http");
    List<Map<String, String>> findings = CliTestSupport.readCsv(out.resolve("findings.csv"));

    try (HeadlessChromium browser = HeadlessChromium.launch(tmp.resolve("chromium"))) {
      browser.open(page);
      assertThat(browser.consoleErrors()).isEmpty();
      assertThat(browser.evaluateBoolean("window.leakproofReport.ready")).isTrue();
      // seven charts, each drawn on a canvas of real size with pixels on it
      assertThat(browser.evaluateLong("Object.keys(window.leakproofReport.charts).length")).isEqualTo(7);
      assertThat(browser.evaluateLong("[...document.querySelectorAll('canvas')].filter(c => { const x = "
          + "c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 3; i < x.length; "
          + "i += 4) if (x[i]) n++; return c.width > 100 && n > 500; }).length")).isEqualTo(7);

      Map<String, BigDecimal> byKind = new TreeMap<>();
      for (Map<String, String> f : findings) {
        byKind.merge(f.get("kind"), new BigDecimal(f.get("amount")), BigDecimal::add);
      }
      assertThat(browser.evaluateString("document.getElementById('kpi-leakage').textContent"))
          .isEqualTo("USD " + grouped(byKind.get("leakage")));
      assertThat(browser.evaluateString("document.getElementById('kpi-risk').textContent"))
          .isEqualTo("USD " + grouped(byKind.get("risk")));
      assertThat(browser.evaluateString("document.getElementById('kpi-opportunity').textContent"))
          .isEqualTo("USD " + grouped(byKind.get("opportunity")));
      assertThat(browser.evaluateString("document.getElementById('kpi-dispute').textContent"))
          .isEqualTo("USD " + grouped(byKind.get("dispute_risk")));
      assertThat(browser.evaluateString("document.getElementById('kpi-capture').textContent")).isEqualTo("99.5013%");
      // the invoice error rate is capture.json's, in percent; its table has a row per month of capture.json
      com.fasterxml.jackson.databind.JsonNode errors = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(out.resolve("capture.json").toFile()).get("invoice_error_rate");
      assertThat(browser.evaluateString("document.getElementById('kpi-invoice-errors').textContent"))
          .isEqualTo(errors.get("error_rate").decimalValue().movePointRight(2).stripTrailingZeros().toPlainString() + "%");
      assertThat(browser.evaluateString("document.getElementById('kpi-invoice-errors-note').textContent"))
          .isEqualTo(errors.get("invoices_with_errors").asLong() + " of " + errors.get("invoices_expected").asLong()
              + " invoices, " + errors.get("missing_invoices").asLong() + " missing");
      assertThat(browser.evaluateLong("document.querySelectorAll('#invoice-error-months tbody tr').length"))
          .isEqualTo(errors.get("by_month").size());

      // the findings table: 25 rows a page, every amount of the CSV on one of the pages
      assertThat(browser.evaluateString("document.getElementById('f-count').textContent"))
          .isEqualTo(findings.size() + " of " + findings.size() + " findings");
      assertThat(browser.evaluateLong("document.querySelectorAll('#findings tbody tr').length")).isEqualTo(25);
      String amounts = browser.evaluateString("[...document.querySelectorAll('#findings td.amount')]"
          + ".map(td => td.textContent).join('|')");
      browser.click("#f-pager button[data-go=next]");
      amounts += "|" + browser.evaluateString("[...document.querySelectorAll('#findings td.amount')]"
          + ".map(td => td.textContent).join('|')");
      assertThat(amounts.split("\\|")).containsExactlyInAnyOrderElementsOf(findings.stream()
          .map(f -> f.get("currency") + " " + grouped(new BigDecimal(f.get("amount")))).toList());

      // sorted by amount, largest first; a click on the header turns it around
      browser.setValue("#f-type", "seat_true_up");
      long trueUps = findings.stream().filter(f -> f.get("leak_type").equals("seat_true_up")).count();
      assertThat(browser.evaluateString("document.getElementById('f-count').textContent"))
          .isEqualTo(trueUps + " of " + findings.size() + " findings");
      String largest = findings.stream().filter(f -> f.get("leak_type").equals("seat_true_up"))
          .map(f -> new BigDecimal(f.get("amount"))).max(BigDecimal::compareTo).orElseThrow().toPlainString();
      assertThat(browser.evaluateString("document.querySelector('#findings td.amount').textContent"))
          .isEqualTo("USD " + grouped(new BigDecimal(largest)));
      browser.click("#findings th[data-sort=amount]");
      String smallest = findings.stream().filter(f -> f.get("leak_type").equals("seat_true_up"))
          .map(f -> new BigDecimal(f.get("amount"))).min(BigDecimal::compareTo).orElseThrow().toPlainString();
      assertThat(browser.evaluateString("document.querySelector('#findings td.amount').textContent"))
          .isEqualTo("USD " + grouped(new BigDecimal(smallest)));
      browser.setValue("#f-type", "");
      browser.setValue("#f-search", "ACC-00019");
      assertThat(browser.evaluateLong("document.querySelectorAll('#findings tbody tr').length"))
          .isEqualTo(findings.stream().filter(f -> f.get("account_id").equals("ACC-00019")).count());

      // the top account is the one with the most recoverable leakage, with its evidence and action
      assertThat(browser.evaluateString("document.querySelector('#top-accounts details').dataset.account"))
          .isEqualTo("ACC-00019");
      assertThat(browser.evaluateString("document.querySelector('#top-accounts details').textContent"))
          .contains("USD 13,568.13", findings.stream().filter(f -> f.get("account_id").equals("ACC-00019")
              && f.get("leak_type").equals("seat_true_up")).findFirst().orElseThrow().get("evidence"));

      // the renewal lanes and the contract statuses
      assertThat(browser.evaluateLong("document.querySelectorAll('#renewal-lanes .renewal').length")).isEqualTo(7);
      assertThat(browser.evaluateString("document.querySelector('[data-lane=T-30] .sum').textContent"))
          .isEqualTo("1 renewals, USD 79,830.00; USD 79,830.00 at risk");
      assertThat(browser.evaluateString("document.getElementById('status-counts').textContent"))
          .isEqualTo("all 30escalate 4flag 14clean 12");

      // the usage signals: the threshold events the ingestion raised, the latest fifteen listed
      assertThat(browser.evaluateString("document.getElementById('signals-note').textContent"))
          .matches("\\d+ threshold events raised by the ingestion .*");
      assertThat(browser.evaluateLong("document.querySelectorAll('#thresholds tbody tr').length")).isEqualTo(15);
      assertThat(browser.evaluateString("document.querySelector('#metering-lag tbody').textContent"))
          .contains("No hour recorded");
      // no model scored the sample: the learned signals are one line saying how, and no chart
      assertThat(browser.evaluateString("document.getElementById('learned-note').textContent"))
          .isEqualTo("No model has scored this warehouse: run `leakproof ml train`, then `leakproof ml score`.");
      assertThat(browser.evaluateBoolean("document.getElementById('learned-body').hidden")).isTrue();
      assertThat(browser.consoleErrors()).isEmpty();
      browser.setValue("#f-search", "");
      browser.screenshot(Path.of("target", "report-sample.png"));
    }
  }

  @Test
  void rowsInTheMlTablesShowTheLearnedSignalsAndTheirTwoCharts() throws Exception {
    Path scored = tmp.resolve("scored");
    Path warehouse = scored.resolve(".leakproof/warehouse.duckdb");
    Files.createDirectories(warehouse.getParent());
    Files.copy(out.resolve(".leakproof/warehouse.duckdb"), warehouse);
    List<Map<String, Object>> contracts;
    try (var db = dev.leakproof.sql.warehouse.DuckDbWarehouse.open(
        new dev.leakproof.sql.warehouse.DuckDbWarehouse.Settings(warehouse, "1GB", 1))) {
      contracts = db.query("select min(contract_id) as contract_id, account_id from main.stg_crm__contracts "
          + "group by account_id order by 1 limit 2");
      String a = (String) contracts.get(0).get("contract_id");
      String accA = (String) contracts.get(0).get("account_id");
      String b = (String) contracts.get(1).get("contract_id");
      String accB = (String) contracts.get(1).get("account_id");
      String at = "TIMESTAMP '2026-06-15 07:00:00'";
      db.execute("insert into ml.anomaly_scores values "
          + "('" + a + "', '" + accA + "', DATE '2026-02-01', 99.1, true, false, "
          + "'overage_price_vs_list 0.0612 (typical 0)', 'anomaly-v1', " + at + "), "
          + "('" + a + "', '" + accA + "', DATE '2026-03-01', 97.0, true, false, "
          + "'usage_growth_1m 1.4 (typical 1.01)', 'anomaly-v1', " + at + "), "
          + "('" + a + "', '" + accA + "', DATE '2026-04-01', 40.0, false, false, '', 'anomaly-v1', " + at + "), "
          + "('" + b + "', '" + accB + "', DATE '2026-03-01', 98.0, true, true, 'seats_over_licence 3 (typical 0)', "
          + "'anomaly-v1', " + at + ")");
      db.execute("insert into ml.anomaly_findings values ('anomaly', 'anomaly', '" + accA + "', '" + a + "', null, "
          + "'2026-02', '2026-03', 0.00, 'USD', 'Flagged 2026-02..2026-03', 'Review the invoices', 99.1, "
          + "'anomaly-v1')");
      db.execute("insert into ml.leakage_risk values "
          + "('" + accA + "', 0.734, 'high', 'leak_months_last_quarter +1.21', 2, DATE '2026-06-15', 'risk-v1', " + at
          + "), ('" + accB + "', 0.25, 'medium', 'discount_ends_next_quarter +0.40', 0, DATE '2026-06-15', 'risk-v1', "
          + at + ")");
    }
    CliTestSupport.Run report = CliTestSupport.run("report", "--out", scored.toString(), "--warehouse",
        warehouse.toString());
    assertThat(report.exitCode()).as(report.err()).isZero();

    try (HeadlessChromium browser = HeadlessChromium.launch(tmp.resolve("chromium-scored"))) {
      browser.open(scored.resolve("report.html"));
      assertThat(browser.consoleErrors()).isEmpty();
      // the sample's seven charts and the two of the learned signals, each drawn
      assertThat(browser.evaluateLong("Object.keys(window.leakproofReport.charts).length")).isEqualTo(9);
      assertThat(browser.evaluateLong("[...document.querySelectorAll('canvas')].filter(c => { const x = "
          + "c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 3; i < x.length; "
          + "i += 4) if (x[i]) n++; return c.width > 100 && n > 500; }).length")).isEqualTo(9);
      assertThat(browser.evaluateBoolean("document.getElementById('learned-body').hidden")).isFalse();
      assertThat(browser.evaluateString("document.getElementById('learned-note').textContent"))
          .startsWith("4 contract-months and 2 accounts scored by anomaly-v1, risk-v1;");
      // the flagged contract-months: 2026-02 one without a rule finding, 2026-03 one of each
      assertThat(browser.evaluateString("JSON.stringify(window.leakproofReport.charts['chart-anomalies'].data"
          + ".datasets.map(d => [d.label, d.data]))"))
          .isEqualTo("[[\"no rule finding\",[1,1]],[\"a rule finding covers it\",[0,1]]]");
      assertThat(browser.evaluateString("JSON.stringify(window.leakproofReport.charts['chart-risk-bands'].data"
          + ".datasets[0].data)")).isEqualTo("[1,1,0]");
      // the anomaly finding with its months, max score and the drivers of its top month
      assertThat(browser.evaluateLong("document.querySelectorAll('#anomaly-findings tbody tr').length")).isEqualTo(1);
      assertThat(browser.evaluateString("document.querySelector('#anomaly-findings tbody tr').textContent"))
          .contains(contracts.get(0).get("contract_id").toString(), "2026-02..2026-03", "99.1",
              "overage_price_vs_list 0.0612 (typical 0)");
      // the accounts by leakage risk, highest first, as percentages
      assertThat(browser.evaluateLong("document.querySelectorAll('#leakage-risk tbody tr').length")).isEqualTo(2);
      assertThat(browser.evaluateString("document.querySelector('#leakage-risk tbody tr').textContent"))
          .contains(contracts.get(0).get("account_id").toString(), "73.4%", "high", "leak_months_last_quarter +1.21");
      assertThat(browser.consoleErrors()).isEmpty();
      browser.screenshot(Path.of("target", "report-learned.png"));
    }
  }

  private static String grouped(BigDecimal amount) {
    return String.format(java.util.Locale.ROOT, "%,.2f", amount);
  }
}
