package dev.leakproof.cli.sync;

import dev.leakproof.connectors.api.Destination;
import dev.leakproof.cli.support.Console;
import dev.leakproof.connectors.sync.LedgerEntry;
import dev.leakproof.connectors.sync.RunRecord;
import dev.leakproof.connectors.sync.SyncRunner;
import dev.leakproof.connectors.sync.SyncSpec;
import dev.leakproof.sql.warehouse.Warehouse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code leakproof sync apply [NAME...]} (or {@code sync run}). */
@Command(name = "apply", aliases = "run", mixinStandardHelpOptions = true,
    description = "Plans and sends the changes of the named syncs (all syncs when none is named), then prints what "
        + "the destination confirmed and rejected.")
final class SyncApplyCommand implements Callable<Integer> {

  @Mixin
  SyncOptions options;

  @Parameters(paramLabel = "NAME", arity = "0..*", description = "Syncs to run, in order (default: all).")
  List<String> names = new ArrayList<>();

  @picocli.CommandLine.Option(names = "--reconcile", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "After a Stripe usage sync, read Stripe's meter event summaries back and compare (default: on).")
  boolean reconcile;

  @picocli.CommandLine.Option(names = "--settle", defaultValue = "PT30S", paramLabel = "DURATION",
      description = "How long reconciliation waits for Stripe's summaries to catch up (default: PT30S).")
  Duration settle;

  @Override
  public Integer call() throws Exception {
    List<SyncSpec> specs = new ArrayList<>();
    if (names.isEmpty()) {
      specs.addAll(options.specs().values());
    } else {
      for (String n : names) {
        specs.add(options.spec(n));
      }
    }
    int exit = 0;
    Destinations destinations = options.destinations();
    try (Warehouse warehouse = options.openWarehouse()) {
      for (SyncSpec spec : specs) {
        exit = Math.max(exit, run(warehouse, destinations, spec));
        if (exit == 1) {
          break;
        }
      }
    }
    return exit;
  }

  private int run(Warehouse warehouse, Destinations destinations, SyncSpec spec) throws Exception {
    try (Destination destination = destinations.open(spec.destination())) {
      List<String> problems = StripeSteps.problems(warehouse, spec, destination);
      if (!problems.isEmpty()) {
        System.err.println("leakproof: Cannot apply " + spec.name() + ": " + problems.size() + " problems in its "
            + "mapping; nothing was sent");
        problems.stream().limit(20).forEach(p -> System.err.println("  " + p));
        if (problems.size() > 20) {
          System.err.printf(Locale.ROOT, "  ... and %,d more%n", problems.size() - 20);
        }
        return SyncCommand.REFUSED;
      }
      Console console = SyncSession.console();
      RunRecord run = SyncDriver.run(console, warehouse, spec, destination);
      if (run == null) {
        return SyncCommand.REFUSED;
      }
      if (run.status().equals("FAILED") || run.status().equals("INCOMPLETE")) {
        return 1;
      }
      int exit = 0;
      if (run.rejected() + run.unprocessed() > 0) {
        rejected(SyncSession.runner(warehouse, spec, dev.leakproof.connectors.sync.SyncListener.NONE), spec);
        exit = SyncCommand.PARTIAL;
      }
      if (reconcile) {
        var result = StripeSteps.reconcile(console, warehouse, spec, destination, settle, run.runId());
        if (result != null && !result.gaps().isEmpty()) {
          exit = SyncCommand.PARTIAL;
        }
      }
      return exit;
    }
  }

  static void summary(RunRecord run) {
    System.out.println(summaryLine(run));
  }

  static String summaryLine(RunRecord run) {
    Duration took = run.finishedAt() == null ? Duration.ZERO : Duration.between(run.startedAt(), run.finishedAt());
    return String.format(Locale.ROOT, "%s: %s in %.1f s: %,d created, %,d updated, %,d deleted, %,d unchanged; "
        + "%,d confirmed, %,d rejected, %,d unprocessed (run %s)", run.sync(), run.status(),
        took.toMillis() / 1000.0, run.creates(), run.updates(), run.deletes(), run.unchanged(), run.confirmed(),
        run.rejected(), run.unprocessed(), run.runId());
  }

  private static void rejected(SyncRunner runner, SyncSpec spec) throws Exception {
    int shown = 0;
    List<LedgerEntry> failed = runner.store().ledger(spec.name()).values().stream()
        .filter(e -> e.state() == LedgerEntry.State.REJECTED || e.state() == LedgerEntry.State.UNPROCESSED).toList();
    for (LedgerEntry e : failed) {
      if (shown++ == 10) {
        System.out.printf(Locale.ROOT, "  ... and %,d more: leakproof sync status %s%n", failed.size() - 10,
            spec.name());
        break;
      }
      System.out.printf(Locale.ROOT, "  %-11s %-24s %s: %s%n", e.state().name().toLowerCase(Locale.ROOT), e.key(),
          e.errorCode(), e.errorMessage());
    }
  }
}
