package dev.leakproof.cli;

import dev.leakproof.cli.audit.AuditOptions;
import dev.leakproof.cli.audit.AuditResult;
import dev.leakproof.cli.audit.AuditRunner;
import dev.leakproof.cli.audit.AuditSummary;
import dev.leakproof.cli.support.Console;
import dev.leakproof.cli.support.UsageException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leakproof audit}: the leak audit of one dataset, as of one date. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {"Audits a dataset (spec layout) as of a date and writes findings.csv, quarantine.csv and "
        + "capture.json.",
        "Runs the real pipeline: CSV tables into the embedded DuckDB warehouse, events through the Flink "
        + "ingestion job into the Iceberg lake, the SQL models compiled by Calcite and built."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:audit written", "1:internal failure (see the log in the work directory)",
        "2:unusable arguments or a dataset that breaks the input contract (nothing written)"})
final class AuditCommand implements Callable<Integer> {

  @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "The dataset folder.")
  Path dataset;

  @Option(names = "--as-of", required = true, paramLabel = "YYYY-MM-DD",
      description = "The audit date: months ending before it are closed.")
  String asOf;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the outputs are written.")
  Path out;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Warehouse, lake, checkpoints, compiled SQL and log (default: OUT/.leakproof).")
  Path workDir;

  @Option(names = "--parallelism", defaultValue = "0", paramLabel = "N",
      description = "Parallelism of the ingestion job's keyed operators and lake writers (default: half the cores).")
  int parallelism;

  @Option(names = "--memory-limit", defaultValue = "4GB", paramLabel = "SIZE",
      description = "Memory limit of the embedded DuckDB warehouse (default: ${DEFAULT-VALUE}).")
  String memoryLimit;

  @Option(names = "--model", paramLabel = "FILE", description = "A model file (`leakproof ml train`): score the "
      + "warehouse after the models and add findings of type anomaly after the rule findings, which stay as they are.")
  Path modelFile;

  @Option(names = {"-q", "--quiet"}, description = "Print only the summary.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    LocalDate date;
    try {
      date = LocalDate.parse(asOf);
    } catch (DateTimeParseException e) {
      throw new UsageException("Invalid --as-of: '" + asOf + "' is not a YYYY-MM-DD date");
    }
    Path work = workDir != null ? workDir : out.resolve(".leakproof");
    dev.leakproof.ml.ModelFile model = null;
    if (modelFile != null) {
      try {
        model = dev.leakproof.ml.ModelFile.read(modelFile);
      } catch (java.io.IOException e) {
        throw new UsageException("Invalid --model: " + e.getMessage());
      }
    }
    Console console = new Console(System.out, quiet ? Console.Verbosity.QUIET : Console.Verbosity.NORMAL);
    AuditResult result = new AuditRunner(console).scoring(model).run(
        new AuditOptions(dataset, date, out, work, AuditOptions.parallelismOrDefault(parallelism), memoryLimit));
    new AuditSummary(console).print(result);
    return 0;
  }
}
