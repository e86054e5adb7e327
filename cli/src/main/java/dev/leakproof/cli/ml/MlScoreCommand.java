package dev.leakproof.cli.ml;

import dev.leakproof.cli.support.Console;
import dev.leakproof.cli.support.UsageException;
import dev.leakproof.ml.ModelFile;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leakproof ml score}: a built warehouse scored with a model file. */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = {"Scores the work directory's warehouse (its models built for --as-of) with a model file: "
        + "ml.anomaly_scores (every contract-month), ml.anomaly_findings (findings of type anomaly, where no rule "
        + "finding covers the month), ml.leakage_risk (every account), then rebuilds the models that read them "
        + "(crm_account_fields, contract_status, the report's and the renewals' marts).",
        "`leakproof export` then writes the anomaly findings into findings.csv after the rule findings."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:scored", "1:internal failure", "2:unusable arguments, model file or warehouse"})
final class MlScoreCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model file (ml train).")
  Path modelFile;

  @Option(names = "--work-dir", required = true, paramLabel = "DIR",
      description = "The work directory of an audit (OUT/.leakproof) or of `ingest`.")
  Path workDir;

  @Option(names = "--as-of", required = true, paramLabel = "YYYY-MM-DD", description = "The as-of date of the models.")
  LocalDate asOf;

  @Override
  public Integer call() throws Exception {
    ModelFile model;
    try {
      model = ModelFile.read(modelFile);
    } catch (IOException e) {
      throw new UsageException("Invalid --model: " + e.getMessage());
    }
    Path warehouse = workDir.resolve("warehouse.duckdb");
    if (!Files.isRegularFile(warehouse)) {
      throw new UsageException("Invalid --work-dir: no warehouse at " + warehouse);
    }
    Scorer.Result r;
    try (DuckDbWarehouse w = DuckDbWarehouse.open(DuckDbWarehouse.Settings.defaults(warehouse))) {
      r = Scorer.score(model, w, workDir, asOf, true);
    }
    Console.stdout().line("S" + Scorer.summary(model, r).substring(1) + ".");
    return 0;
  }
}
