package dev.leakproof.cli;

import dev.leakproof.cli.audit.AuditResult;
import dev.leakproof.cli.audit.AuditRunner;
import dev.leakproof.cli.audit.AuditSummary;
import dev.leakproof.cli.support.Console;
import dev.leakproof.cli.support.ExistingWarehouse;
import dev.leakproof.cli.support.UsageException;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leakproof export}: the audit's outputs from a warehouse whose models are built. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Writes findings.csv, quarantine.csv and capture.json (atomically) and report.html to OUT from a "
        + "warehouse built by ingest and models build: the audit's last step, for schedulers.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:written", "1:internal failure", "2:no built warehouse there, or unusable arguments"})
final class ExportCommand implements Callable<Integer> {

  @Option(names = "--warehouse", required = true, paramLabel = "FILE", description = "The DuckDB warehouse.")
  Path warehouse;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the outputs are written.")
  Path out;

  @Override
  public Integer call() throws Exception {
    Console console = Console.stdout();
    try (DuckDbWarehouse db = ExistingWarehouse.open(warehouse)) {
      AuditResult result;
      try {
        result = new AuditRunner(console).export(db, out, warehouse.toAbsolutePath().toString(), System.nanoTime(), new LinkedHashMap<>(), List.of(),
            warehouse.toAbsolutePath().getParent(), Duration.ZERO, 0);
      } catch (java.sql.SQLException e) {
        throw new UsageException("Cannot export from " + warehouse + ": " + e.getMessage().lines().findFirst()
            .orElse("") + " (build the models first: leakproof models build)");
      }
      new AuditSummary(console).print(result);
    }
    return 0;
  }
}
