package dev.leakproof.cli;

import dev.leakproof.cli.report.LeakageReport;
import dev.leakproof.cli.support.UsageException;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import dev.leakproof.sql.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leakproof report}: the leakage report page of an audit. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Writes OUT/report.html from an audit's warehouse: one self-contained page (charts inlined, no "
        + "network) with leakage by type and month, recoverable now vs at risk, the top accounts with evidence and "
        + "actions, the renewal pipeline, seats and usage of flagged accounts, every finding (sort, filter, pages), "
        + "the status of each contract and the data hygiene.",
        "The audit writes it too; run this after rebuilding models or syncing."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:report written", "1:internal failure", "2:no audit in the warehouse, or unusable arguments"})
final class ReportCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The audit's output folder; the "
      + "report is written there as report.html.")
  Path out;

  @Option(names = "--warehouse", paramLabel = "FILE",
      description = "The audit's DuckDB warehouse (default: OUT/.leakproof/warehouse.duckdb).")
  Path warehouse;

  @Override
  public Integer call() throws Exception {
    Path file = warehouse != null ? warehouse : out.resolve(".leakproof").resolve("warehouse.duckdb");
    if (!Files.isRegularFile(file)) {
      throw new UsageException("Cannot report: no warehouse at " + file + " (run leakproof audit --out " + out
          + " first, or give --warehouse)");
    }
    try (DuckDbWarehouse db = DuckDbWarehouse.open(DuckDbWarehouse.Settings.defaults(file))) {
      LeakageReport.Written w;
      try {
        w = LeakageReport.write(db.connection(), db.defaultSchema(), file.toString(), out);
      } catch (java.sql.SQLException e) {
        throw new UsageException("Cannot report from " + file + ": " + Warehouse.errorLine(e.getMessage())
            + " (was it built by leakproof audit?)");
      }
      System.out.printf(Locale.ROOT, "Report: %s (%,d findings, %,d KB)%n", w.file(), w.findings(), w.bytes() / 1024);
    }
    return 0;
  }
}
