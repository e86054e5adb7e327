package dev.leakproof.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files, columns and formats of spec section 1, and the counts the summary reports. */
class LayoutTest {

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern MONEY = Pattern.compile("-?\\d+\\.\\d{2}");
  private static final Pattern TIMESTAMP =
      Pattern.compile("\"occurred_at\": \"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})\"");

  @TempDir
  static Path dir;

  static GenerationSummary summary;

  @BeforeAll
  static void generate() {
    summary = TestDatasets.generate(TestDatasets.config(40, 2, 3), dir);
  }

  @Test
  void everyTableHasTheSpecColumns() throws IOException {
    assertThat(Csv.read(dir.resolve("accounts.csv")).header).containsExactly("account_id", "account_name",
        "segment", "csm_email", "crm_health", "last_csm_contact_date");
    assertThat(Csv.read(dir.resolve("contracts.csv")).header).containsExactly("contract_id", "account_id",
        "plan_id", "price_version", "start_date", "end_date", "seats_licensed", "seat_unit_price", "currency",
        "annual_uplift_pct", "discount_pct", "discount_end_date", "auto_bill_overages", "auto_renew",
        "champion_name", "technical_scope", "closed_rate_note");
    assertThat(Csv.read(dir.resolve("price_book.csv")).header).containsExactly("plan_id", "price_version",
        "metric", "included_units", "overage_unit_price", "effective_from");
    assertThat(Csv.read(dir.resolve("workspaces.csv")).header).containsExactly("workspace_id", "account_id");
    assertThat(Csv.read(dir.resolve("invoices.csv")).header).containsExactly("invoice_id", "contract_id",
        "account_id", "period_start", "period_end", "issued_date", "status");
    assertThat(Csv.read(dir.resolve("invoice_lines.csv")).header).containsExactly("invoice_id", "line_no",
        "line_type", "metric", "quantity", "unit_price", "amount");
    assertThat(Csv.read(TestDatasets.generator(dir, "injected_leaks.csv")).header).containsExactly("leak_type",
        "account_id", "contract_id", "metric", "first_month", "last_month", "amount");
  }

  @Test
  void csvRowCountsMatchTheSummary() throws IOException {
    Map<String, Long> files = TestDatasets.summaryMap(dir, "files");
    for (String table : List.of("accounts.csv", "contracts.csv", "price_book.csv", "workspaces.csv",
        "invoices.csv", "invoice_lines.csv")) {
      assertThat((long) Csv.read(dir.resolve(table)).rows.size()).as(table).isEqualTo(files.get(table));
      assertThat(summary.files().get(table)).as(table).isEqualTo(files.get(table));
    }
    assertThat(files.get("accounts.csv")).isEqualTo(40);
  }

  @Test
  void eventFilesAreSplitAndCountedExactly() throws IOException {
    Map<String, Long> files = TestDatasets.summaryMap(dir, "files");
    List<String> jsonl;
    try (Stream<Path> s = Files.list(dir)) {
      jsonl = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl")).sorted().toList();
    }
    assertThat(jsonl).containsExactly("seat_events_001.jsonl", "seat_events_002.jsonl",
        "usage_events_001.jsonl", "usage_events_002.jsonl");
    for (String f : jsonl) {
      assertThat(TestDatasets.lines(dir.resolve(f))).as(f).isEqualTo(files.get(f)).isPositive();
    }
    Map<String, Long> noise = TestDatasets.summaryMap(dir, "noise");
    long extra = noise.entrySet().stream()
        .filter(e -> !List.of("late", "offset").contains(e.getKey()))
        .mapToLong(e -> e.getKey().equals("double_correction") ? 2 * e.getValue() : e.getValue()).sum();
    assertThat(summary.linesOf("usage_events")).isEqualTo(summary.usageEvents() + extra);
  }

  @Test
  void valuesUseTheSpecFormats() throws IOException {
    for (Map<String, String> c : Csv.read(dir.resolve("contracts.csv")).rows) {
      assertThat(c.get("start_date")).matches(DATE).endsWith("-01");
      assertThat(c.get("auto_bill_overages")).isIn("true", "false");
      assertThat(c.get("seat_unit_price")).matches(MONEY);
      assertThat(c.get("currency")).isIn("USD", "EUR");
    }
    for (Map<String, String> a : Csv.read(dir.resolve("accounts.csv")).rows) {
      assertThat(a.get("segment")).isIn("smb", "mid", "enterprise");
      assertThat(a.get("crm_health")).isIn("green", "yellow", "red");
    }
    for (Map<String, String> l : Csv.read(dir.resolve("invoice_lines.csv")).rows) {
      assertThat(l.get("amount")).matches(MONEY);
      assertThat(l.get("line_type")).isIn("seats", "discount", "overage", "true_up");
      assertThat(l.get("metric") != null).isEqualTo(l.get("line_type").equals("overage"));
    }
    try (Stream<String> lines = Files.lines(dir.resolve("usage_events_001.jsonl"))) {
      assertThat(lines.filter(l -> l.contains("\"received_at\"")).limit(1000))
          .allSatisfy(l -> assertThat(l).containsPattern(TIMESTAMP).startsWith("{\"event_id\": \"ev-"));
    }
  }

  @Test
  void namesWithCommasAndQuotesAreQuoted() throws IOException {
    String raw = Files.readString(dir.resolve("contracts.csv"));
    assertThat(raw).contains("\"\"\"Full\"\" platform rollout\"");
    assertThat(Csv.read(dir.resolve("contracts.csv")).rows)
        .anySatisfy(r -> assertThat(r.get("technical_scope")).isEqualTo("\"Full\" platform rollout"));
  }
}
