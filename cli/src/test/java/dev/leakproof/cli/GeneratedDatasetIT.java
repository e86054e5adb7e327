package dev.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakproof.schemas.csv.CsvReader;
import dev.leakproof.schemas.csv.CsvRecord;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated dataset with every leak type and event noise injected: the audit finds every leak
 * the generator injected (type, contract, metric, months and amount) and nothing on the accounts
 * it kept clean; with leak shapes on as well.
 */
class GeneratedDatasetIT {

  @TempDir Path tmp;

  @Test
  void findsEveryInjectedLeakAndNothingOnCleanAccounts() throws Exception {
    Path dataset = tmp.resolve("dataset");
    Path out = tmp.resolve("out");
    CliTestSupport.Run generate = CliTestSupport.run("generate", "--accounts", "80", "--usage-months", "12",
        "--seed", "11", "--as-of", "2026-06-15", "--out", dataset.toString(), "--quiet");
    assertThat(generate.exitCode()).as(generate.err()).isZero();
    List<List<String>> findings = auditFindsExactlyTheInjectedLeaks(dataset, out, 13);

    JsonNode summary = new ObjectMapper().readTree(dataset.resolve("_generator/summary.json").toFile());
    Set<String> clean = new TreeSet<>();
    summary.get("clean_accounts").forEach(a -> clean.add(a.asText()));
    assertThat(clean).isNotEmpty();
    assertThat(findings).noneMatch(r -> clean.contains(r.get(2)));

    JsonNode capture = new ObjectMapper().readTree(out.resolve("capture.json").toFile());
    assertThat(capture.at("/usage/quarantined").asLong()).isPositive();
    assertThat(capture.at("/usage/duplicates").asLong()).isPositive();
    assertThat(capture.at("/usage/read").asLong()).isEqualTo(capture.at("/usage/accepted").asLong()
        + capture.at("/usage/duplicates").asLong() + capture.at("/usage/quarantined").asLong());
  }

  /**
   * With leak shapes on, the audit still finds exactly what injected_leaks.csv lists (including any
   * rule a shape trips), and the labels are written next to the dataset, not in it.
   */
  @Test
  void findsExactlyTheInjectedLeaksWithLeakShapes() throws Exception {
    Path dataset = tmp.resolve("shaped");
    Path labels = tmp.resolve("labels");
    CliTestSupport.Run generate = CliTestSupport.run("generate", "--accounts", "120", "--usage-months", "12",
        "--seed", "12", "--as-of", "2026-06-15", "--usage-events", "60000", "--shapes", "--shape-rate", "0.3",
        "--labels", labels.toString(), "--out", dataset.toString(), "--quiet");
    assertThat(generate.exitCode()).as(generate.err()).isZero();
    auditFindsExactlyTheInjectedLeaks(dataset, tmp.resolve("shaped-out"), 0);

    List<List<String>> shapeLabels = rows(labels.resolve("shape_labels.csv"));
    assertThat(shapeLabels.stream().map(r -> r.get(3)).distinct()).containsExactlyInAnyOrder(
        "price_drift", "source_underreport", "seat_freeze", "wrong_plan_rate", "wrong_month");
    assertThat(labels.resolve("summary.json")).exists();
    assertThat(dataset.resolve("shape_labels.csv")).doesNotExist();
    assertThat(dataset.resolve("_generator/shape_labels.csv")).doesNotExist();
  }

  /** Audits the dataset; its findings must be injected_leaks.csv, with at least that many leak types. */
  private static List<List<String>> auditFindsExactlyTheInjectedLeaks(Path dataset, Path out, int types)
      throws Exception {
    CliTestSupport.Run audit = CliTestSupport.run("audit", "--dataset", dataset.toString(), "--as-of", "2026-06-15",
        "--out", out.toString(), "--quiet");
    assertThat(audit.exitCode()).as(audit.err()).isZero();

    List<List<String>> injected = rows(dataset.resolve("_generator/injected_leaks.csv"));
    List<List<String>> findings = rows(out.resolve("findings.csv"));
    Set<String> expected = new TreeSet<>();
    for (List<String> r : injected) {
      expected.add(String.join(" ", r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6)));
    }
    Set<String> actual = new TreeSet<>();
    for (List<String> r : findings) {
      actual.add(String.join(" ", r.get(0), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(7)));
    }
    assertThat(expected.stream().map(s -> s.split(" ")[0]).distinct()).as("leak types injected")
        .hasSizeGreaterThanOrEqualTo(types);
    assertThat(actual).isEqualTo(expected);
    return findings;
  }

  static List<List<String>> rows(Path csvFile) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(csvFile); CsvReader csv = new CsvReader(r)) {
      csv.next();
      CsvRecord record;
      while ((record = csv.next()) != null) {
        rows.add(record.fields().stream().map(v -> v == null ? "" : v).toList());
      }
    }
    return rows;
  }
}
