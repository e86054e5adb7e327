package dev.leakproof.cli.sync;

import dev.leakproof.connectors.sync.LedgerEntry;
import dev.leakproof.connectors.sync.RunRecord;
import dev.leakproof.connectors.sync.SyncStore;
import dev.leakproof.sql.warehouse.Warehouse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leakproof sync status [NAME]}. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Shows the run history (counts and timings), the ledger's records per state, and the records "
        + "the destination rejected with their reasons.")
final class SyncStatusCommand implements Callable<Integer> {

  @Mixin
  SyncOptions options;

  @Parameters(paramLabel = "NAME", arity = "0..1", description = "One sync (default: all).")
  String name;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "Runs to show (default: 10).")
  int runs;

  @Override
  public Integer call() throws Exception {
    if (name != null) {
      options.spec(name);
    }
    try (Warehouse warehouse = options.openWarehouse()) {
      SyncStore store = new SyncStore(warehouse.connection());
      List<RunRecord> history = store.runs(name, runs);
      System.out.println("Runs (newest first):");
      if (history.isEmpty()) {
        System.out.println("  none yet");
      }
      for (RunRecord r : history) {
        Duration took = r.finishedAt() == null ? null : Duration.between(r.startedAt(), r.finishedAt());
        System.out.printf(Locale.ROOT, "  %-26s %-26s %-11s %8s  +%d ~%d -%d =%d  ok %d, rejected %d, unprocessed %d%s%n",
            r.runId(), r.sync(), r.status(), took == null ? "-" : String.format(Locale.ROOT, "%.1fs",
            took.toMillis() / 1000.0), r.creates(), r.updates(), r.deletes(), r.unchanged(), r.confirmed(),
            r.rejected(), r.unprocessed(), r.message() == null ? "" : "  " + r.message());
      }
      System.out.println("Ledger:");
      for (Map.Entry<String, Map<String, Long>> e : store.stateCounts().entrySet()) {
        if (name == null || name.equals(e.getKey())) {
          System.out.printf(Locale.ROOT, "  %-26s %s%n", e.getKey(), e.getValue());
        }
      }
      for (String sync : store.stateCounts().keySet()) {
        if (name != null && !name.equals(sync)) {
          continue;
        }
        for (LedgerEntry en : store.ledger(sync).values()) {
          if (en.state() != LedgerEntry.State.CONFIRMED) {
            System.out.printf(Locale.ROOT, "  %-26s %-24s %-11s %s%s%n", sync, en.key(),
                en.state().name().toLowerCase(Locale.ROOT), en.errorCode() == null ? "" : en.errorCode() + ": ",
                en.errorMessage() == null ? (en.jobId() == null ? "" : "job " + en.jobId()) : en.errorMessage());
          }
        }
      }
      return 0;
    }
  }
}
