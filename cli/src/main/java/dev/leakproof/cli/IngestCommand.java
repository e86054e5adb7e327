package dev.leakproof.cli;

import dev.leakproof.cli.audit.AuditOptions;
import dev.leakproof.cli.audit.AuditRunner;
import dev.leakproof.cli.support.Console;
import dev.leakproof.cli.support.UsageException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leakproof ingest}: one day's load of a dataset into a long-lived warehouse (the daily DAG's first task). */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Loads a dataset's CSV tables into WORK/warehouse.duckdb and appends its new event files to the "
        + "lasting Iceberg lake under WORK/lake through the Flink ingestion job, as of a date: the audit's first "
        + "half, for schedulers.",
        "The lake is appended to, never recreated: an ingestion run reads only the event files no earlier run "
        + "read, with the state of every earlier run (event ids seen, originals), so a duplicate or a correction "
        + "of an event ingested last month is recognised; a file changed after it was ingested is refused. The "
        + "warehouse then loads only the lake's new commits. Re-running a date is safe. Event files whose name "
        + "carries a date after --as-of (usage_events_2026-06-16.jsonl) are left out. A lake fed by `leakproof "
        + "stream` is refused (use `leakproof lake load`). Then: models build, sync plan/apply, export."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:loaded", "1:internal failure", "2:unusable arguments or a dataset that breaks the input "
        + "contract (the warehouse is left as it was)"})
final class IngestCommand implements Callable<Integer> {

  @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "The dataset folder.")
  Path dataset;

  @Option(names = "--as-of", required = true, paramLabel = "YYYY-MM-DD", description = "The partition: the day "
      + "being ingested (events more than a day after it are quarantined as future_timestamp).")
  String asOf;

  @Option(names = "--work-dir", required = true, paramLabel = "DIR",
      description = "The long-lived work directory: warehouse.duckdb, the lake and the log.")
  Path workDir;

  @Option(names = "--parallelism", defaultValue = "0", paramLabel = "N",
      description = "Parallelism of the ingestion job (default: half the cores).")
  int parallelism;

  @Option(names = "--memory-limit", defaultValue = "4GB", paramLabel = "SIZE",
      description = "Memory limit of the embedded DuckDB warehouse (default: ${DEFAULT-VALUE}).")
  String memoryLimit;

  @Option(names = "--events", defaultValue = "files", paramLabel = "files|lake",
      description = "Where the events come from: the dataset's event files (default), or the lake `leakproof "
          + "stream` keeps under WORK/lake (the streaming variant: only the CSV tables are read from the dataset).")
  String events;

  @Option(names = "--lake-as-of", paramLabel = "INSTANT",
      description = "With --events lake: load the lake's commits up to this instant (2026-06-16T00:00:00Z, or a date: "
          + "its start), e.g. the partition's end; default: everything committed.")
  String lakeAsOf;

  @Override
  public Integer call() throws Exception {
    LocalDate date;
    try {
      date = LocalDate.parse(asOf);
    } catch (DateTimeParseException e) {
      throw new UsageException("Invalid --as-of: '" + asOf + "' is not a YYYY-MM-DD date");
    }
    AuditOptions options = new AuditOptions(dataset, date, workDir, workDir,
        AuditOptions.parallelismOrDefault(parallelism), memoryLimit);
    AuditRunner runner = new AuditRunner(Console.stdout());
    AuditRunner.Ingested done;
    if (events.equals("lake")) {
      done = runner.ingestFromLake(options, lakeAsOf == null ? null
          : dev.leakproof.cli.lake.LakeCommand.instant("--lake-as-of", lakeAsOf));
    } else if (events.equals("files")) {
      if (lakeAsOf != null) {
        throw new UsageException("Invalid --lake-as-of: it goes with --events lake");
      }
      done = runner.ingestInto(options);
    } else {
      throw new UsageException("Invalid --events: " + events + " (files or lake)");
    }
    System.out.printf(Locale.ROOT, "Ingested %s as of %s into %s: %,d table rows (%,d rejected), %,d event lines%n",
        dataset, date, workDir.resolve("warehouse.duckdb"), done.rows(), done.rejectedRows(), done.lines());
    return 0;
  }
}
