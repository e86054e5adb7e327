package dev.leakproof.cli.ml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakproof.cli.bench.BenchReport;
import dev.leakproof.cli.support.Console;
import dev.leakproof.ml.AnomalyModel;
import dev.leakproof.ml.ModelFile;
import dev.leakproof.ml.RiskModel;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leakproof bench ml}: training time and scoring rate at a size, in one run. */
@Command(name = "ml", mixinStandardHelpOptions = true,
    description = {"Generates one dataset (default 10,000 accounts over 24 months, leak shapes on), runs it through "
        + "the real audit, collects the training history (the account features rebuilt at 3 earlier as-of dates), "
        + "then times training both models and scoring the warehouse (every contract-month and account, the ml "
        + "tables written), and the rebuild of the models that read the scores. Writes bench-ml.json."})
public final class MlBenchCommand implements Callable<Integer> {

  @Option(names = "--accounts", defaultValue = "10000", paramLabel = "N", description = "Accounts (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(names = "--usage-months", defaultValue = "24", paramLabel = "K", description = "Months (default: ${DEFAULT-VALUE}).")
  int usageMonths;

  @Option(names = "--events-per-account", defaultValue = "100", paramLabel = "N",
      description = "Usage events per account (default: ${DEFAULT-VALUE}).")
  long eventsPerAccount;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Dataset and model seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--dir", defaultValue = "target/bench-ml", paramLabel = "DIR",
      description = "Where the dataset, its audit and bench-ml.json go (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    Console console = Console.stdout();
    LocalDate asOf = LocalDate.parse("2026-06-15");
    GeneratedHistory.Options options = new GeneratedHistory.Options(accounts, usageMonths, asOf, 0.12,
        eventsPerAccount, 3);
    Files.createDirectories(dir);
    console.line(String.format(Locale.ROOT, "Generating %,d accounts over %d months and auditing them...", accounts,
        usageMonths));
    long t = System.nanoTime();
    Snapshot snapshot = GeneratedHistory.snapshot(seed, options, dir, console);
    double historySeconds = (System.nanoTime() - t) / 1e9;

    t = System.nanoTime();
    ModelFile model = Trainer.train(List.of(snapshot), seed, AnomalyModel.Settings.defaults(seed),
        RiskModel.Settings.defaults(seed), ModelFile.object());
    double trainSeconds = (System.nanoTime() - t) / 1e9;
    Path modelFile = dir.resolve("model.json");
    model.write(modelFile);
    console.line(String.format(Locale.ROOT, "trained in %.1f s: forest %.1f s on %,d contract-months, XGBoost %.1f s "
        + "on %,d account-quarters", trainSeconds, model.training().path("anomaly").path("seconds").asDouble(),
        model.training().path("anomaly").path("rows").asLong(), model.training().path("risk").path("seconds").asDouble(),
        model.training().path("risk").path("rows").asLong()));

    Path work = dir.resolve("seed-" + seed).resolve("work");
    Scorer.Result scored;
    double rebuildSeconds;
    try (DuckDbWarehouse w = DuckDbWarehouse.open(DuckDbWarehouse.Settings.defaults(work.resolve("warehouse.duckdb")))) {
      scored = Scorer.score(model, w, work, asOf, false);
      t = System.nanoTime();
      Scorer.rebuildReaders(w, work, asOf);
      rebuildSeconds = (System.nanoTime() - t) / 1e9;
    }
    double monthsPerSecond = scored.contractMonths() / scored.seconds();
    console.line(String.format(Locale.ROOT, "scored %,d contract-months and %,d accounts in %.1f s (%,.0f "
        + "contract-months/s, tables written); models reading the scores rebuilt in %.1f s", scored.contractMonths(),
        scored.accounts(), scored.seconds(), monthsPerSecond, rebuildSeconds));

    ObjectNode report = ModelFile.object();
    report.put("accounts", accounts);
    report.put("usage_months", usageMonths);
    report.put("events_per_account", eventsPerAccount);
    report.put("history_seconds", historySeconds);
    report.put("training_contract_months", model.training().path("anomaly").path("rows").asLong());
    report.put("training_account_quarters", model.training().path("risk").path("rows").asLong());
    report.put("training_seconds", trainSeconds);
    report.put("forest_seconds", model.training().path("anomaly").path("seconds").asDouble());
    report.put("xgboost_seconds", model.training().path("risk").path("seconds").asDouble());
    report.put("scored_contract_months", scored.contractMonths());
    report.put("scored_accounts", scored.accounts());
    report.put("scoring_seconds", scored.seconds());
    report.put("scoring_contract_months_per_second", monthsPerSecond);
    report.put("anomaly_findings", scored.findings());
    report.put("rebuild_readers_seconds", rebuildSeconds);
    report.put("model_file_bytes", Files.size(modelFile));
    BenchReport.finish(console, report, dir.resolve("bench-ml.json"));
    return 0;
  }
}
