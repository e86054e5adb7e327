package dev.leakproof.cli;

import dev.leakproof.cli.audit.AuditOptions;
import dev.leakproof.cli.audit.AuditResult;
import dev.leakproof.cli.audit.AuditRunner;
import dev.leakproof.cli.audit.AuditSummary;
import dev.leakproof.cli.support.Console;
import dev.leakproof.datagen.GeneratorConfig;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leakproof demo}: generates a dataset and audits it, on the embedded defaults. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Generates a realistic dataset under a work directory, runs the audit on it (Flink ingestion "
        + "into the Iceberg lake, the SQL models on DuckDB) and prints the leakage found and where the outputs are.",
        "Needs no arguments."})
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--dir", defaultValue = "leakproof-demo", paramLabel = "DIR",
      description = "Work directory for the dataset and the outputs (default: ./${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--accounts", defaultValue = "120", paramLabel = "N", description = "Accounts (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(names = "--seed", defaultValue = "7", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    Console console = Console.stdout();
    LocalDate asOf = LocalDate.now(ZoneOffset.UTC);
    Path dataset = dir.resolve("dataset");
    Path out = dir.resolve("audit");
    console.line("Leakproof demo: " + accounts + " accounts, 12 months of usage, as of " + asOf + ".");
    GeneratorConfig config = GeneratorConfig.defaults(accounts, 12, seed, asOf);
    GenerateCommand.generate(config, dataset, console);
    console.line("Dataset: " + dataset.toAbsolutePath() + " (leaks injected: "
        + dataset.resolve("_generator/injected_leaks.csv") + ")");
    AuditResult result = new AuditRunner(console).run(
        new AuditOptions(dataset, asOf, out, out.resolve(".leakproof"), AuditOptions.parallelismOrDefault(0), "4GB"));
    new AuditSummary(console).print(result);
    return 0;
  }
}
