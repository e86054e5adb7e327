package dev.leakproof.cli.ml;

import java.nio.file.Path;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/** How `ml train --seeds` and `ml evaluate` generate their history. */
final class GenerationMixin {

  @Option(names = "--accounts", defaultValue = "300", paramLabel = "N",
      description = "Accounts per generated dataset (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(names = "--usage-months", defaultValue = "18", paramLabel = "K",
      description = "Months of usage per dataset (default: ${DEFAULT-VALUE}).")
  int usageMonths;

  @Option(names = "--gen-as-of", defaultValue = "2026-06-15", paramLabel = "YYYY-MM-DD",
      description = "The generated datasets' as-of date (default: ${DEFAULT-VALUE}).")
  LocalDate asOf;

  @Option(names = "--shape-rate", defaultValue = "0.12", paramLabel = "R",
      description = "Share of clean accounts given a leak shape no rule checks (default: ${DEFAULT-VALUE}).")
  double shapeRate;

  @Option(names = "--events-per-account", defaultValue = "300", paramLabel = "N",
      description = "Usage events per account (default: ${DEFAULT-VALUE}).")
  long eventsPerAccount;

  @Option(names = "--quarters", defaultValue = "3", paramLabel = "Q",
      description = "Earlier as-of dates, a quarter apart, the forecast learns from (default: ${DEFAULT-VALUE}).")
  int quarters;

  @Option(names = "--history-dir", defaultValue = ".leakproof/ml-history", paramLabel = "DIR",
      description = "Where generated datasets and their audits are kept and reused (default: ${DEFAULT-VALUE}).")
  Path historyDir;

  GeneratedHistory.Options options() {
    return new GeneratedHistory.Options(accounts, usageMonths, asOf, shapeRate, eventsPerAccount, quarters);
  }
}
