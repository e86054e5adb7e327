package dev.leakproof.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One dataset of 400 accounts with leak shapes at rate 0.3 and no event noise (so usage can be
 * summed straight from the event files): every shape occurs, its labels sit outside the dataset,
 * and the files carry exactly the numbers the shape's labels state. {@link ReferenceAuditTest}
 * checks that the rules still find exactly injected_leaks.csv with shapes on.
 */
class ShapesTest {

  @TempDir
  static Path tmp;

  private static Path dataset;
  private static Path labels;
  private static GenerationSummary summary;
  private static Map<String, List<Map<String, String>>> byShape;
  private static Map<String, Map<String, String>> contracts;
  private static Map<String, String> wsAccount;
  private static Map<String, long[]> usage;

  @BeforeAll
  static void generate() throws IOException {
    dataset = tmp.resolve("data");
    summary = new DatasetGenerator().generate(TestDatasets.config(400, 12, 5).withNoiseRate(0).withUsageEvents(150_000).withShapeRate(0.3),
        dataset, null, ProgressListener.NONE);
    labels = DatasetGenerator.defaultLabelsDir(dataset);
    byShape = Csv.read(labels.resolve(ShapeLabels.LABELS)).rows.stream()
        .collect(Collectors.groupingBy(r -> r.get("shape"), TreeMap::new, Collectors.toList()));
    contracts = new HashMap<>();
    Csv.read(dataset.resolve("contracts.csv")).rows.forEach(r -> contracts.put(r.get("contract_id"), r));
    wsAccount = new HashMap<>();
    Csv.read(dataset.resolve("workspaces.csv")).rows.forEach(r -> wsAccount.put(r.get("workspace_id"), r.get("account_id")));
    usage = new HashMap<>();
    for (Path f : files("usage_events")) {
      for (String line : Files.readAllLines(f)) {
        Map<String, Object> e = FlatJson.parse(line);
        YearMonth m = YearMonth.from(OffsetDateTime.parse((String) e.get("occurred_at")).withOffsetSameInstant(ZoneOffset.UTC));
        String ws = (String) e.get("workspace_id");
        long q = ((BigDecimal) e.get("quantity")).longValueExact();
        usage.computeIfAbsent(ws + "|" + e.get("metric"), k -> new long[120])[index(m)] += q;
      }
    }
  }

  @Test
  void everyShapeOccursWithLabelsOutsideTheDataset() throws IOException {
    assertThat(summary.labels()).isEqualTo(labels);
    assertThat(labels.getParent()).isEqualTo(dataset.toAbsolutePath().getParent());
    for (ShapeKind k : ShapeKind.values()) {
      assertThat(summary.shapes().get(k.code)).as(k.code).isGreaterThanOrEqualTo(5);
      assertThat(byShape.get(k.code)).as(k.code).hasSizeGreaterThanOrEqualTo(summary.shapes().get(k.code).intValue());
    }
    List<Map<String, String>> all = Csv.read(labels.resolve(ShapeLabels.LABELS)).rows;
    assertThat(all.stream().map(r -> r.get("account_id") + "|" + r.get("contract_id") + "|" + r.get("month")).toList())
        .isSorted().doesNotHaveDuplicates();
    String json = Files.readString(labels.resolve(ShapeLabels.SUMMARY));
    for (ShapeKind k : ShapeKind.values()) {
      assertThat(json).contains("\"" + k.code + "\": {\"instances\": " + summary.shapes().get(k.code)
          + ", \"contract_months\": " + byShape.get(k.code).size() + "}");
    }
    assertThat(json).contains("\"seed\": 5", "\"accounts\": 400", "\"as_of\": \"2026-06-15\"");
    try (Stream<Path> files = Files.walk(dataset)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(f.getFileName().toString()).doesNotContain("shape");
        if (f.toString().endsWith(".json") || f.toString().endsWith(".csv")) {
          assertThat(Files.readString(f)).doesNotContain("shape", "price_drift", "seat_freeze");
        }
      }
    }
  }

  @Test
  void driftedOveragePricesGrowByTheDrawnRateEachMonth() throws IOException {
    Map<String, List<String[]>> lines = overageLines();
    for (List<Map<String, String>> account : byAccount("price_drift").values()) {
      Map<String, String> c = contracts.get(account.get(0).get("contract_id"));
      assertThat(account).hasSizeGreaterThanOrEqualTo(2);
      YearMonth first = YearMonth.parse(account.get(0).get("month"));
      Double firstRatio = null;
      Double d = null;
      for (Map<String, String> label : account) {
        YearMonth m = YearMonth.parse(label.get("month"));
        double factor = Double.parseDouble(label.get("detail").replaceAll("overage price ([0-9.]+) x list.*", "$1"));
        List<String[]> billed = lines.get(c.get("contract_id") + "|" + m);
        assertThat(billed).isNotEmpty();
        for (String[] l : billed) {
          BigDecimal price = new BigDecimal(l[2]);
          assertThat(price.scale()).as("fits the audit's DECIMAL(38,10)").isLessThanOrEqualTo(10);
          double ratio = price.doubleValue() / listPrice(c, l[0]).doubleValue();
          assertThat(ratio).isCloseTo(factor, within(0.0001));
          if (firstRatio == null) {
            firstRatio = ratio;
          } else if (m.isAfter(first)) {
            double perMonth = Math.pow(ratio / firstRatio, 1.0 / first.until(m, java.time.temporal.ChronoUnit.MONTHS)) - 1;
            assertThat(perMonth).isBetween(0.0099, 0.0301);
            d = d == null ? perMonth : d;
            assertThat(perMonth).isCloseTo(d, within(0.0005));
          }
          assertThat(new BigDecimal(l[3])).isEqualByComparingTo(
              new BigDecimal(l[1]).multiply(new BigDecimal(l[2])).setScale(2, RoundingMode.HALF_UP));
        }
      }
    }
  }

  @Test
  void underReportedWorkspaceReportsTheDrawnShareOfItsUsage() {
    Pattern detail = Pattern.compile("workspace (\\S+) reports ([0-9.]+) of usage");
    for (List<Map<String, String>> account : byAccount("source_underreport").values()) {
      Matcher d = detail.matcher(account.get(0).get("detail"));
      assertThat(d.matches()).isTrue();
      String ws = d.group(1);
      int m0 = index(YearMonth.parse(account.get(0).get("month")));
      int lastClosed = index(YearMonth.from(TestDatasets.AS_OF).minusMonths(1));
      String acc = wsAccount.get(ws);
      double[] own = new double[2];
      double[] others = new double[2];
      for (Map.Entry<String, long[]> e : usage.entrySet()) {
        String w = e.getKey().split("\\|")[0];
        if (!acc.equals(wsAccount.get(w))) {
          continue;
        }
        for (int i = m0 - 4; i <= lastClosed; i++) {
          int after = i >= m0 ? 1 : 0;
          (w.equals(ws) ? own : others)[after] += e.getValue()[i];
        }
      }
      double share = (own[1] / others[1]) / (own[0] / others[0]);
      assertThat(share).as(acc).isCloseTo(Double.parseDouble(d.group(2)), within(0.06));
    }
  }

  @Test
  void frozenSeatsHaveNoEventsFromTheFirstMonthOn() throws IOException {
    Map<String, YearMonth> frozen = new HashMap<>();
    byAccount("seat_freeze").forEach((acc, rows) -> frozen.put(acc, YearMonth.parse(rows.get(0).get("month"))));
    Map<String, Integer> before = new HashMap<>();
    for (Path f : files("seat_events")) {
      for (String line : Files.readAllLines(f)) {
        Map<String, Object> e = FlatJson.parse(line);
        String acc = wsAccount.get((String) e.get("workspace_id"));
        if (frozen.containsKey(acc)) {
          YearMonth m = YearMonth.from(OffsetDateTime.parse((String) e.get("occurred_at")).withOffsetSameInstant(ZoneOffset.UTC));
          assertThat(m).as(acc).isBefore(frozen.get(acc));
          before.merge(acc, 1, Integer::sum);
        }
      }
    }
    assertThat(before.keySet()).containsExactlyInAnyOrderElementsOf(frozen.keySet());
    assertThat(byShape.get("seat_freeze")).allSatisfy(r -> assertThat(r.get("detail")).matches(
        "no seat events since \\d{4}-\\d{2}; usage x[0-9.]+"));
  }

  @Test
  void wrongPlanRateIsAnotherPlansHigherOveragePrice() throws IOException {
    Map<String, List<String[]>> lines = overageLines();
    List<Map<String, String>> book = Csv.read(dataset.resolve("price_book.csv")).rows;
    for (Map<String, String> label : byShape.get("wrong_plan_rate")) {
      Map<String, String> c = contracts.get(label.get("contract_id"));
      String metric = label.get("detail").split(" ")[0];
      String[] line = lines.get(c.get("contract_id") + "|" + label.get("month")).stream()
          .filter(l -> l[0].equals(metric)).findFirst().orElseThrow();
      BigDecimal price = new BigDecimal(line[2]);
      assertThat(price).isGreaterThan(listPrice(c, metric));
      assertThat(book).anySatisfy(r -> {
        assertThat(r.get("metric")).isEqualTo(metric);
        assertThat(r.get("plan_id") + r.get("price_version")).isNotEqualTo(c.get("plan_id") + c.get("price_version"));
        assertThat(new BigDecimal(r.get("overage_unit_price"))).isEqualByComparingTo(price);
      });
      assertThat(new BigDecimal(line[3])).isEqualByComparingTo(
          new BigDecimal(line[1]).multiply(price).setScale(2, RoundingMode.HALF_UP));
    }
    assertThat(byAccount("wrong_plan_rate").values()).allSatisfy(rows -> assertThat(rows).hasSizeBetween(1, 2));
  }

  @Test
  void wrongMonthBillsThePreviousMonthsExcess() throws IOException {
    Map<String, List<String[]>> lines = overageLines();
    List<Map<String, String>> book = Csv.read(dataset.resolve("price_book.csv")).rows;
    for (Map<String, String> label : byShape.get("wrong_month")) {
      Map<String, String> c = contracts.get(label.get("contract_id"));
      String metric = label.get("detail").split(" ")[0];
      YearMonth m = YearMonth.parse(label.get("month"));
      long included = book.stream().filter(r -> r.get("plan_id").equals(c.get("plan_id"))
              && r.get("price_version").equals(c.get("price_version")) && r.get("metric").equals(metric))
          .mapToLong(r -> Long.parseLong(r.get("included_units"))).findFirst().orElseThrow();
      long previous = Math.max(0, accountUsage(c.get("account_id"), metric, m.minusMonths(1)) - included);
      long billed = lines.getOrDefault(c.get("contract_id") + "|" + m, List.of()).stream()
          .filter(l -> l[0].equals(metric)).mapToLong(l -> Long.parseLong(l[1])).sum();
      assertThat(billed).as(label.toString()).isEqualTo(previous);
      assertThat(label.get("detail")).contains("excess of " + m.minusMonths(1) + " (" + previous + " instead of "
          + Math.max(0, accountUsage(c.get("account_id"), metric, m) - included) + ")");
    }
  }

  private static Map<String, List<Map<String, String>>> byAccount(String shape) {
    assertThat(byShape).containsKey(shape);
    return byShape.get(shape).stream()
        .collect(Collectors.groupingBy(r -> r.get("account_id"), TreeMap::new, Collectors.toList()));
  }

  /** Overage lines of non-void invoices by contract|month: metric, quantity, unit_price, amount. */
  private static Map<String, List<String[]>> overageLines() throws IOException {
    Map<String, String> invoice = new HashMap<>();
    for (Map<String, String> r : Csv.read(dataset.resolve("invoices.csv")).rows) {
      if (!"void".equals(r.get("status"))) {
        invoice.put(r.get("invoice_id"), r.get("contract_id") + "|" + YearMonth.from(java.time.LocalDate.parse(r.get("period_start"))));
      }
    }
    Map<String, List<String[]>> lines = new HashMap<>();
    for (Map<String, String> r : Csv.read(dataset.resolve("invoice_lines.csv")).rows) {
      String key = invoice.get(r.get("invoice_id"));
      if (key != null && "overage".equals(r.get("line_type"))) {
        lines.computeIfAbsent(key, k -> new ArrayList<>())
            .add(new String[] {r.get("metric"), r.get("quantity"), r.get("unit_price"), r.get("amount")});
      }
    }
    return lines;
  }

  private static BigDecimal listPrice(Map<String, String> contract, String metric) {
    Catalog.Row row = Catalog.row(contract.get("plan_id"), Integer.parseInt(contract.get("price_version")),
        List.of(Catalog.METRICS).indexOf(metric));
    return row.overagePrice();
  }

  private static long accountUsage(String account, String metric, YearMonth m) {
    long total = 0;
    for (Map.Entry<String, long[]> e : usage.entrySet()) {
      String[] key = e.getKey().split("\\|");
      if (key[1].equals(metric) && account.equals(wsAccount.get(key[0]))) {
        total += e.getValue()[index(m)];
      }
    }
    return total;
  }

  /** Months since 2020-01. */
  private static int index(YearMonth m) {
    return (m.getYear() - 2020) * 12 + m.getMonthValue() - 1;
  }

  private static List<Path> files(String prefix) throws IOException {
    try (Stream<Path> s = Files.list(dataset)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
    }
  }
}
