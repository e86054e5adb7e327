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
 * it kept clean.
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
    assertThat(expected.stream().map(s -> s.split(" ")[0]).distinct()).as("every leak type injected").hasSize(13);
    assertThat(actual).isEqualTo(expected);

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
