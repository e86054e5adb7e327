package dev.leakproof.cli.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakproof.cli.support.Console;
import dev.leakproof.cli.support.UsageException;
import dev.leakproof.ml.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code leakproof ml evaluate}: trained on some seeds, measured on others. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Generates datasets with labelled leak shapes, runs each through the real audit, trains both "
        + "models on the --train-seeds and measures them on the --test-seeds, which they never saw: the anomaly "
        + "score's precision, recall and PR-AUC per leak shape at the contract-month level and the share of clean "
        + "contract-months flagged; the forecast's ROC-AUC, PR-AUC and Brier score against a baseline that ranks "
        + "accounts by last quarter's findings."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:measured", "1:internal failure", "2:unusable arguments"})
final class MlEvaluateCommand implements Callable<Integer> {

  @Option(names = "--train-seeds", required = true, paramLabel = "A..B", description = "Seeds to train on.")
  String trainSeeds;

  @Option(names = "--test-seeds", required = true, paramLabel = "C..D", description = "Seeds to measure on.")
  String testSeeds;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the figures as JSON.")
  Path out;

  @Option(names = "--model-out", paramLabel = "FILE", description = "Also write the trained model, its metrics "
      + "those measured here.")
  Path modelOut;

  @Mixin
  GenerationMixin generation;

  @Mixin
  TrainingMixin training;

  @Override
  public Integer call() throws Exception {
    List<Long> train = GeneratedHistory.seeds(trainSeeds, "--train-seeds");
    List<Long> test = GeneratedHistory.seeds(testSeeds, "--test-seeds");
    HashSet<Long> overlap = new HashSet<>(train);
    overlap.retainAll(test);
    if (!overlap.isEmpty()) {
      throw new UsageException("Invalid --test-seeds: " + overlap + " also in --train-seeds (measure on unseen data)");
    }
    Console console = Console.stdout();
    long start = System.nanoTime();
    console.line("Training history (" + train.size() + " seeds):");
    List<Snapshot> trainSnaps = new ArrayList<>();
    for (long s : train) {
      trainSnaps.add(GeneratedHistory.snapshot(s, generation.options(), generation.historyDir, console));
    }
    console.line("Test history (" + test.size() + " seeds):");
    List<Snapshot> testSnaps = new ArrayList<>();
    for (long s : test) {
      testSnaps.add(GeneratedHistory.snapshot(s, generation.options(), generation.historyDir, console));
    }
    ObjectNode source = ModelFile.object();
    source.put("source", "generated");
    source.putPOJO("seeds", train);
    source.put("generation", generation.options().describe());
    long t = System.nanoTime();
    ModelFile model = Trainer.train(trainSnaps, training.seed, training.anomaly(), training.risk(), source);
    double trainSeconds = (System.nanoTime() - t) / 1e9;
    ObjectNode figures = Evaluation.run(model, trainSnaps, testSnaps);
    figures.putPOJO("train_seeds", train);
    figures.putPOJO("test_seeds", test);
    figures.put("generation", generation.options().describe());
    figures.put("training_seconds", trainSeconds);
    figures.put("model_id", model.id());
    print(console, figures);
    if (out != null) {
      Path dir = out.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), figures);
      console.line("Wrote " + out);
    }
    if (modelOut != null) {
      model.metrics().setAll(figures);
      model.write(modelOut);
      console.line("Wrote " + modelOut + " (model " + model.id() + ")");
    }
    console.line(String.format(Locale.ROOT, "Done in %.0f s.", (System.nanoTime() - start) / 1e9));
    return 0;
  }

  private static void print(Console console, JsonNode f) {
    JsonNode a = f.path("anomaly");
    console.line("");
    console.line(String.format(Locale.ROOT, "Anomaly score, %,d test contract-months no rule covers (%,d clean, %,d "
        + "with a leak shape), threshold %.1f:", a.path("contract_months").asLong(), a.path("clean_months").asLong(),
        a.path("shape_months").asLong(), a.path("threshold").asDouble()));
    console.line(String.format(Locale.ROOT, "  %-20s %7s %8s %10s %7s %7s", "shape", "months", "flagged", "precision",
        "recall", "PR-AUC"));
    a.path("by_shape").fields().forEachRemaining(e -> console.line(String.format(Locale.ROOT,
        "  %-20s %7d %8d %10.3f %7.3f %7.3f", e.getKey(), e.getValue().path("months").asLong(),
        e.getValue().path("flagged").asLong(), e.getValue().path("precision").asDouble(),
        e.getValue().path("recall").asDouble(), e.getValue().path("pr_auc").asDouble())));
    console.line(String.format(Locale.ROOT, "  %-20s %7d %8s %10.3f %7.3f %7.3f", "all shapes",
        a.path("shape_months").asLong(), "", a.path("precision").asDouble(), a.path("recall").asDouble(),
        a.path("pr_auc").asDouble()));
    console.line(String.format(Locale.ROOT, "  clean contract-months flagged: %,d of %,d (%.2f%%)",
        a.path("clean_flagged").asLong(), a.path("clean_months").asLong(), 100 * a.path("clean_flagged_share").asDouble()));
    console.line(String.format(Locale.ROOT, "  months a rule finding covers (no anomaly finding raised there): %,d, "
        + "%,d of them above the threshold", a.path("rule_covered_months").asLong(),
        a.path("rule_covered_months_flagged").asLong()));
    JsonNode r = f.path("risk");
    JsonNode b = r.path("baseline_last_quarter_findings");
    console.line("");
    console.line(String.format(Locale.ROOT, "Leakage-risk forecast, %,d test account-quarters (%,d with a finding "
        + "the next quarter):", r.path("account_quarters").asLong(), r.path("with_finding_next_quarter").asLong()));
    console.line(String.format(Locale.ROOT, "  %-34s %8s %8s %8s", "", "ROC-AUC", "PR-AUC", "Brier"));
    console.line(String.format(Locale.ROOT, "  %-34s %8.3f %8.3f %8.4f", "XGBoost forecast", r.path("roc_auc").asDouble(),
        r.path("pr_auc").asDouble(), r.path("brier").asDouble()));
    console.line(String.format(Locale.ROOT, "  %-34s %8.3f %8.3f %8.4f", "baseline: last quarter's findings",
        b.path("roc_auc").asDouble(), b.path("pr_auc").asDouble(), b.path("brier").asDouble()));
  }
}
