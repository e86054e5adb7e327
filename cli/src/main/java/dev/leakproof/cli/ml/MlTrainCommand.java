package dev.leakproof.cli.ml;

import dev.leakproof.cli.support.Console;
import dev.leakproof.cli.support.UsageException;
import dev.leakproof.ml.ModelFile;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code leakproof ml train}: both models from generated history or from a warehouse's own. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Trains the anomaly model and the leakage-risk forecast and writes them, with their features, "
        + "training data and settings, to one model file. Deterministic for a --seed.",
        "From generated history: --seeds A..B (datasets with labelled leak shapes, each run through the real audit). "
        + "From a warehouse: --work-dir W --as-of D (an audit's or ingest's work directory), with --labels DIR "
        + "and --decisions review.csv (confirmed or dismissed findings) as labels for the forecast."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:written", "1:internal failure", "2:unusable arguments or warehouse"})
final class MlTrainCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The model file to write.")
  Path out;

  @Option(names = "--seeds", paramLabel = "A..B", description = "Train on generated datasets of these seeds.")
  String seeds;

  @Option(names = "--work-dir", paramLabel = "DIR", description = "Train on this work directory's warehouse.")
  Path workDir;

  @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "The as-of date of --work-dir's warehouse.")
  LocalDate asOf;

  @Option(names = "--labels", paramLabel = "DIR", description = "A labels folder (shape_labels.csv) for --work-dir.")
  Path labels;

  @Option(names = "--decisions", paramLabel = "FILE", description = "review.csv with decisions filled in "
      + "(confirmed or dismissed); may be repeated.")
  List<Path> decisions = new ArrayList<>();

  @Mixin
  GenerationMixin generation;

  @Mixin
  TrainingMixin training;

  @Override
  public Integer call() throws Exception {
    Console console = Console.stdout();
    long start = System.nanoTime();
    List<ReviewDecisions.Label> reviewed = new ArrayList<>();
    for (Path d : decisions) {
      try {
        reviewed.addAll(ReviewDecisions.read(d));
      } catch (IllegalArgumentException | java.io.IOException e) {
        throw new UsageException("Invalid --decisions: " + e.getMessage());
      }
    }
    List<Snapshot> snapshots = new ArrayList<>();
    ObjectNode source = ModelFile.object();
    if ((seeds == null) == (workDir == null)) {
      throw new UsageException("Give either --seeds A..B (generated history) or --work-dir DIR --as-of DATE");
    }
    if (seeds != null) {
      List<Long> list = GeneratedHistory.seeds(seeds, "--seeds");
      source.put("source", "generated");
      source.putPOJO("seeds", list);
      source.put("generation", generation.options().describe());
      console.line("Generating and auditing " + list.size() + " datasets...");
      for (long s : list) {
        snapshots.add(GeneratedHistory.snapshot(s, generation.options(), generation.historyDir, console));
      }
    } else {
      if (asOf == null) {
        throw new UsageException("--work-dir needs --as-of (the as-of date its warehouse was built for)");
      }
      Path warehouse = workDir.resolve("warehouse.duckdb");
      if (!Files.isRegularFile(warehouse)) {
        throw new UsageException("Invalid --work-dir: no warehouse at " + warehouse);
      }
      source.put("source", "warehouse");
      source.put("warehouse", warehouse.toAbsolutePath().toString());
      source.put("warehouse_bytes", Files.size(warehouse));
      source.put("warehouse_modified", Files.getLastModifiedTime(warehouse).toInstant().toString());
      source.put("decisions", reviewed.size());
      snapshots.add(SnapshotCollector.collect(workDir.toString(), warehouse, workDir.resolve("ml-history"), asOf,
          labels == null ? java.util.Map.of() : LabelFiles.shapes(labels), reviewed, generation.quarters));
    }
    long t = System.nanoTime();
    ModelFile model = Trainer.train(snapshots, training.seed, training.anomaly(), training.risk(), source);
    double trainSeconds = (System.nanoTime() - t) / 1e9;
    model.metrics().put("training_seconds", trainSeconds);
    model.write(out);
    console.line(String.format(Locale.ROOT, "Wrote %s (model %s): anomaly forest on %,d contract-months, risk "
        + "forecast on %,d account-quarters; trained in %.1f s (%.0f s in all).", out, model.id(),
        model.training().path("anomaly").path("rows").asLong(), model.training().path("risk").path("rows").asLong(),
        trainSeconds, (System.nanoTime() - start) / 1e9));
    return 0;
  }

}
