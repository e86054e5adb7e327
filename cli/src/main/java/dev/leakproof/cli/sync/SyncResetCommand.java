package dev.leakproof.cli.sync;

import dev.leakproof.connectors.sync.SyncStore;
import dev.leakproof.sql.warehouse.Warehouse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code leakproof sync reset NAME}. */
@Command(name = "reset", mixinStandardHelpOptions = true,
    description = "Forgets what the destination confirmed for a sync (its ledger and the destination it is bound "
        + "to), so the next apply sends every row, e.g. to a new org or after a sandbox refresh. Run history stays.")
final class SyncResetCommand implements Callable<Integer> {

  @Mixin
  SyncOptions options;

  @Parameters(paramLabel = "NAME", description = "The sync.")
  String name;

  @Override
  public Integer call() throws Exception {
    options.spec(name);
    try (Warehouse warehouse = options.openWarehouse()) {
      int removed = new SyncStore(warehouse.connection()).reset(name);
      System.out.printf("%s: forgot %,d ledger records; the next apply sends every row%n", name, removed);
      return 0;
    }
  }
}
