package dev.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakproof.ml.ModelFile;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ml evaluate`, `ml train`, `audit --model` and `ml score` end to end on small generated datasets
 * (each through the real audit) and the shared sample.
 */
class MlCommandsIT {

  @TempDir static Path dir;
  static final String[] GENERATION = {"--accounts", "60", "--usage-months", "12", "--quarters", "2"};
  static CliTestSupport.Run evaluate;

  @BeforeAll
  static void evaluateOnUnseenSeeds() {
    evaluate = CliTestSupport.run(concat(new String[] {"ml", "evaluate", "--train-seeds", "1..2", "--test-seeds", "3",
        "--history-dir", dir.resolve("history").toString(), "--out", dir.resolve("eval.json").toString(),
        "--model-out", dir.resolve("model.json").toString()}, GENERATION));
  }

  @Test
  void evaluateMeasuresBothModelsOnSeedsTheyNeverSaw() throws Exception {
    assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
    JsonNode f = new ObjectMapper().readTree(dir.resolve("eval.json").toFile());
    assertThat(f.path("train_seeds").toString()).isEqualTo("[1,2]");
    assertThat(f.path("test_seeds").toString()).isEqualTo("[3]");
    JsonNode a = f.path("anomaly");
    assertThat(a.path("contract_months").asLong()).isEqualTo(a.path("clean_months").asLong()
        + a.path("shape_months").asLong());
    assertThat(a.path("shape_months").asLong()).isPositive();
    assertThat(a.path("pr_auc").asDouble()).isBetween(0.0, 1.0);
    assertThat(a.path("clean_flagged_share").asDouble()).isBetween(0.0, 1.0);
    long perShape = 0;
    for (JsonNode shape : (Iterable<JsonNode>) () -> a.path("by_shape").elements()) {
      perShape += shape.path("months").asLong();
      assertThat(shape.has("precision") && shape.has("recall") && shape.has("pr_auc")).isTrue();
    }
    assertThat(perShape).isEqualTo(a.path("shape_months").asLong());
    JsonNode r = f.path("risk");
    assertThat(r.path("account_quarters").asLong()).isPositive();
    assertThat(r.path("roc_auc").asDouble()).isBetween(0.0, 1.0);
    assertThat(r.path("brier").asDouble()).isBetween(0.0, 1.0);
    assertThat(r.path("baseline_last_quarter_findings").path("roc_auc").asDouble()).isBetween(0.0, 1.0);
    ModelFile model = ModelFile.read(dir.resolve("model.json"));
    assertThat(model.metrics().path("anomaly").path("pr_auc").asDouble()).isEqualTo(a.path("pr_auc").asDouble());
    assertThat(model.anomaly().features()).contains("overage_price_vs_list", "workspace_share_shift");
    assertThat(model.risk().features()).contains("leak_months_last_quarter", "anomaly_max_last_quarter");
    assertThat(model.training().path("source").asText()).isEqualTo("generated");
  }

  @Test
  void trainingIsDeterministicForASeed() throws Exception {
    assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
    String[] train = concat(new String[] {"ml", "train", "--seeds", "1..2", "--history-dir",
        dir.resolve("history").toString(), "--out", dir.resolve("again.json").toString()}, GENERATION);
    CliTestSupport.Run again = CliTestSupport.run(train);
    assertThat(again.exitCode()).as(again.err()).isZero();
    // the same seeds and model seed as evaluate's training: the same models, to the byte
    assertThat(ModelFile.read(dir.resolve("again.json")).id()).isEqualTo(ModelFile.read(dir.resolve("model.json")).id());
  }

  @Test
  void auditWithAModelAddsAnomalyFindingsAfterTheRuleFindingsWhichStayExactlyAsTheyAre() throws Exception {
    assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
    Path out = dir.resolve("audit");
    CliTestSupport.Run audit = CliTestSupport.run("audit", "--dataset", CliTestSupport.SAMPLE.toString(), "--as-of",
        "2026-06-15", "--out", out.toString(), "--model", dir.resolve("model.json").toString(), "--quiet");
    assertThat(audit.exitCode()).as(audit.err()).isZero();
    List<Map<String, String>> rows = CliTestSupport.readCsv(out.resolve("findings.csv"));
    List<Map<String, String>> expected = CliTestSupport.readCsv(CliTestSupport.SAMPLE.resolve("expected/findings.csv"));
    List<Map<String, String>> rules = rows.stream().filter(r -> !r.get("leak_type").equals("anomaly")).toList();
    Set<String> cols = Set.of("leak_type", "kind", "account_id", "contract_id", "metric", "period_start", "period_end",
        "amount", "currency");
    assertThat(rules.stream().map(r -> key(r, cols)).collect(Collectors.toSet()))
        .isEqualTo(expected.stream().map(r -> key(r, cols)).collect(Collectors.toSet()));
    // anomaly findings come after every rule finding, with no amount claimed and their evidence
    int firstAnomaly = rows.indexOf(rows.stream().filter(r -> r.get("leak_type").equals("anomaly")).findFirst()
        .orElse(null));
    if (firstAnomaly >= 0) {
      assertThat(firstAnomaly).isEqualTo(rules.size());
      for (Map<String, String> r : rows.subList(firstAnomaly, rows.size())) {
        assertThat(r.get("kind")).isEqualTo("anomaly");
        assertThat(r.get("amount")).isEqualTo("0.00");
        assertThat(r.get("evidence")).startsWith("Anomaly score ").contains("No rule covers these months");
      }
    }
    Path warehouse = out.resolve(".leakproof/warehouse.duckdb");
    long scored;
    try (DuckDbWarehouse w = DuckDbWarehouse.open(DuckDbWarehouse.Settings.defaults(warehouse))) {
      scored = count(w, "ml.anomaly_scores");
      assertThat(scored).isEqualTo(count(w, "main.ml_contract_month_features"));
      assertThat(count(w, "ml.leakage_risk")).isEqualTo(count(w, "main.ml_account_features"));
      assertThat(count(w, "ml.anomaly_findings")).isEqualTo(rows.size() - rules.size());
      // the CRM field reads the scores: every scored account has its risk
      assertThat(w.query("SELECT count(*) AS n FROM main.crm_account_fields c JOIN ml.leakage_risk r "
          + "USING (account_id) WHERE c.leakage_risk IS NULL OR abs(c.leakage_risk - round(r.probability * 100, 1)) "
          + "> 0.05").get(0).get("n").toString()).isEqualTo("0");
    }
    // scoring again replaces the rows, never adds to them
    CliTestSupport.Run score = CliTestSupport.run("ml", "score", "--model", dir.resolve("model.json").toString(),
        "--work-dir", out.resolve(".leakproof").toString(), "--as-of", "2026-06-15");
    assertThat(score.exitCode()).as(score.err()).isZero();
    try (DuckDbWarehouse w = DuckDbWarehouse.open(DuckDbWarehouse.Settings.defaults(warehouse))) {
      assertThat(count(w, "ml.anomaly_scores")).isEqualTo(scored);
    }

    // a reviewer's decisions feed the next training on the warehouse's own history
    Path reviewDir = dir.resolve("review");
    CliTestSupport.Run review = CliTestSupport.run("review", "--warehouse", warehouse.toString(), "--out",
        reviewDir.toString(), "--scope", "all");
    assertThat(review.exitCode()).as(review.err()).isZero();
    List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(reviewDir.resolve("review.csv")));
    List<Map<String, String>> reviewRows = CliTestSupport.readCsv(reviewDir.resolve("review.csv"));
    int withFindings = 0;
    while (reviewRows.get(withFindings).get("leak_type").isEmpty()) {
      withFindings++;
    }
    String line = lines.get(withFindings + 1);
    assertThat(line).endsWith(",");
    lines.set(withFindings + 1, line + "dismissed");
    java.nio.file.Files.write(reviewDir.resolve("review.csv"), lines);
    CliTestSupport.Run train = CliTestSupport.run("ml", "train", "--work-dir", out.resolve(".leakproof").toString(),
        "--as-of", "2026-06-15", "--quarters", "2", "--decisions", reviewDir.resolve("review.csv").toString(),
        "--out", dir.resolve("own.json").toString());
    assertThat(train.exitCode()).as(train.err()).isZero();
    ModelFile own = ModelFile.read(dir.resolve("own.json"));
    assertThat(own.training().path("source").asText()).isEqualTo("warehouse");
    assertThat(own.training().path("decisions").asInt()).isEqualTo(1);
    // the warehouse it learned from keeps its marts as of its own date
    try (DuckDbWarehouse w = DuckDbWarehouse.open(DuckDbWarehouse.Settings.defaults(warehouse))) {
      assertThat(count(w, "main.ml_account_features")).isEqualTo(count(w, "ml.leakage_risk"));
    }
  }

  @Test
  void badArgumentsGetAOneLineReason() {
    CliTestSupport.Run missing = CliTestSupport.run("ml", "score", "--model", dir.resolve("none.json").toString(),
        "--work-dir", dir.toString(), "--as-of", "2026-06-15");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("No model file at").contains("none.json");
    CliTestSupport.Run overlap = CliTestSupport.run("ml", "evaluate", "--train-seeds", "1..2", "--test-seeds", "2");
    assertThat(overlap.exitCode()).isEqualTo(2);
    assertThat(overlap.err()).contains("--test-seeds: [2] also in --train-seeds");
  }

  private static long count(DuckDbWarehouse w, String table) throws Exception {
    return ((Number) w.query("SELECT count(*) AS n FROM " + table).get(0).get("n")).longValue();
  }

  private static String key(Map<String, String> row, Set<String> cols) {
    return cols.stream().sorted().map(c -> c + "=" + row.get(c)).collect(Collectors.joining("|"));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
