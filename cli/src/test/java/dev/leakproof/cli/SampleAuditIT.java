package dev.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
