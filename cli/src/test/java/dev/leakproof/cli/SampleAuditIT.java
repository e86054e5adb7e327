package dev.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.leakproof.schemas.csv.CsvReader;
import dev.leakproof.schemas.csv.CsvRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared sample dataset through the whole audit gives exactly its expected outputs. */
class SampleAuditIT {

  @TempDir static Path out;
  static CliTestSupport.Run run;

  @BeforeAll
  static void audit() {
    run = CliTestSupport.run("audit", "--dataset", CliTestSupport.SAMPLE.toString(), "--as-of", "2026-06-15",
        "--out", out.toString(), "--quiet");
  }

  @Test
  void exitsZero() {
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  @Test
  void findsExactlyTheExpectedFindingsWithTheirAmounts() throws Exception {
    Map<String, List<String>> expected = findings(CliTestSupport.SAMPLE.resolve("expected/findings.csv"));
    Map<String, List<String>> actual = findings(out.resolve("findings.csv"));
    assertThat(actual).hasSize(35);
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (Map.Entry<String, List<String>> e : expected.entrySet()) {
      List<String> a = actual.get(e.getKey());
      BigDecimal want = new BigDecimal(e.getValue().get(7));
      BigDecimal tolerance = BigDecimal.ONE.max(want.abs().multiply(new BigDecimal("0.005")));
      assertThat(new BigDecimal(a.get(7))).as(e.getKey()).isCloseTo(want,
          org.assertj.core.data.Offset.offset(tolerance));
      // exact cents are the aim, and met
      assertThat(a.get(7)).as(e.getKey()).isEqualTo(e.getValue().get(7));
      assertThat(a.subList(0, 7)).as(e.getKey()).isEqualTo(e.getValue().subList(0, 7));
      assertThat(a.get(8)).isEqualTo(e.getValue().get(8));
      assertThat(a.get(9)).as("evidence of " + e.getKey()).isNotBlank();
      assertThat(a.get(10)).as("action of " + e.getKey()).isNotBlank();
    }
  }

  @Test
  void quarantineIsTheExpectedOneByteForByte() throws Exception {
    assertThat(Files.readAllBytes(out.resolve("quarantine.csv")))
        .isEqualTo(Files.readAllBytes(CliTestSupport.SAMPLE.resolve("expected/quarantine.csv")));
  }

  @Test
  void captureCountsAreTheExpectedOnes() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode expected = json.readTree(CliTestSupport.SAMPLE.resolve("expected/capture.json").toFile());
    JsonNode actual = json.readTree(out.resolve("capture.json").toFile());
    for (String stream : List.of("usage", "seats")) {
      for (String key : List.of("read", "accepted", "duplicates", "quarantined", "quarantined_by_reason")) {
        assertThat(actual.get(stream).get(key)).as(stream + "." + key).isEqualTo(expected.get(stream).get(key));
      }
      assertThat(actual.get(stream).get("capture_rate").asDouble())
          .isEqualTo(expected.get(stream).get("capture_rate").asDouble());
    }
  }

  /**
   * invoice_error_rate counts the sample's non-void invoices of each closed month; its errors lie
   * between the contracts whose billing-error finding starts or ends in the month (those months
   * certainly have the error) and those whose finding's period covers it (the sample has one
   * non-void invoice per contract and month); each rate is its counts' exact share.
   */
  @Test
  void invoiceErrorRateCountsTheSamplesInvoicesAndItsBillingErrors() throws Exception {
    JsonNode rate = new ObjectMapper().readTree(out.resolve("capture.json").toFile()).get("invoice_error_rate");
    assertThat(rate).as("capture.json's invoice_error_rate").isNotNull();
    Map<String, Long> invoices = new java.util.TreeMap<>();
    for (Map<String, String> i : CliTestSupport.readCsv(CliTestSupport.SAMPLE.resolve("invoices.csv"))) {
      if (!i.get("status").equals("void")) {
        invoices.merge(i.get("period_start").substring(0, 7), 1L, Long::sum);
      }
    }
    Set<String> billingErrors = Set.of("missing_invoice", "seat_count_mismatch", "unbilled_overage", "seat_true_up",
        "rate_mismatch", "renewal_uplift_missed", "expired_discount_applied", "discount_overapplied", "overbilled");
    List<Map<String, String>> findings = CliTestSupport.readCsv(out.resolve("findings.csv")).stream()
        .filter(f -> billingErrors.contains(f.get("leak_type"))).toList();
    assertThat(findings).isNotEmpty();
    JsonNode byMonth = rate.get("by_month");
    Map<String, Long> counted = new java.util.TreeMap<>();
    byMonth.fields().forEachRemaining(e -> {
      long n = e.getValue().get("invoices").asLong();
      if (n > 0) {
        counted.put(e.getKey(), n);
      } else {
        assertThat(e.getValue().get("missing_invoices").asLong()).as("a month without invoices").isPositive();
      }
    });
    assertThat(counted).isEqualTo(invoices);
    long expected = 0;
    long withErrors = 0;
    for (Iterator<String> months = byMonth.fieldNames(); months.hasNext(); ) {
      String month = months.next();
      JsonNode m = byMonth.get(month);
      assertThat(m.get("invoices_expected").asLong()).as(month)
          .isEqualTo(invoices.getOrDefault(month, 0L) + m.get("missing_invoices").asLong());
      long certain = findings.stream().filter(f -> f.get("period_start").equals(month) || f.get("period_end").equals(month))
          .map(f -> f.get("contract_id")).distinct().count();
      long possible = findings.stream().filter(f -> f.get("period_start").compareTo(month) <= 0
          && f.get("period_end").compareTo(month) >= 0).map(f -> f.get("contract_id")).distinct().count();
      assertThat(m.get("invoices_with_errors").asLong()).as(month).isBetween(certain, possible);
      assertThat(m.get("error_rate").decimalValue()).as(month).isBetween(BigDecimal.ZERO, BigDecimal.ONE)
          .isEqualByComparingTo(share(m.get("invoices_with_errors").asLong(), m.get("invoices_expected").asLong()));
      expected += m.get("invoices_expected").asLong();
      withErrors += m.get("invoices_with_errors").asLong();
    }
    assertThat(rate.get("invoices").asLong()).isEqualTo(invoices.values().stream().mapToLong(Long::longValue).sum());
    assertThat(rate.get("invoices_expected").asLong()).isEqualTo(expected);
    assertThat(rate.get("invoices_with_errors").asLong()).isEqualTo(withErrors).isPositive();
    assertThat(rate.get("error_rate").decimalValue()).isEqualByComparingTo(share(withErrors, expected));
  }

  private static BigDecimal share(long part, long whole) {
    return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, java.math.RoundingMode.HALF_UP);
  }

  @Test
  void leavesNoTemporaryFiles() throws Exception {
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
    }
  }

  /** The source types the SQL project declares (for offline compiles) are those the audit loads. */
  @Test
  void declaredSourceTypesMatchTheLoadedTables() throws Exception {
    Path project = dev.leakproof.sql.project.BundledProject.extract(out.resolve("project-copy"));
    var sources = dev.leakproof.sql.project.ProjectLoader.load(project).sources();
    try (var warehouse = dev.leakproof.sql.warehouse.DuckDbWarehouse.open(new dev.leakproof.sql.warehouse.DuckDbWarehouse
        .Settings(out.resolve(".leakproof/warehouse.duckdb"), "1GB", 1))) {
      for (var source : sources.values()) {
        Map<String, String> loaded = new LinkedHashMap<>();
        warehouse.columns(source.schema(), source.identifier())
            .forEach(c -> loaded.put(c.name(), c.dataType().toLowerCase().replace(" ", "")));
        Map<String, String> declared = new LinkedHashMap<>();
        source.columnTypes().forEach((k, v) -> declared.put(k, v.toLowerCase().replace(" ", "")));
        assertThat(declared).as(source.key()).isEqualTo(loaded);
      }
    }
  }

  /** Rows of a findings.csv keyed by leak type, account, contract and metric. */
  static Map<String, List<String>> findings(Path file) throws Exception {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    try (Reader r = Files.newBufferedReader(file); CsvReader csv = new CsvReader(r)) {
      csv.next();
      CsvRecord record;
      while ((record = csv.next()) != null) {
        List<String> f = record.fields().stream().map(v -> v == null ? "" : v).toList();
        rows.put(f.get(0) + "|" + f.get(2) + "|" + f.get(3) + "|" + f.get(4), f);
      }
    }
    return rows;
  }
}
