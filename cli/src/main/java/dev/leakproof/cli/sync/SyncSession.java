package dev.leakproof.cli.sync;

import dev.leakproof.cli.support.Console;
import dev.leakproof.cli.support.UsageException;
import dev.leakproof.connectors.sync.SyncListener;
import dev.leakproof.connectors.sync.SyncRunner;
import dev.leakproof.connectors.sync.SyncSpec;
import dev.leakproof.sql.warehouse.Warehouse;

/** A sync's runner on the warehouse its model was built in. */
final class SyncSession {

  private SyncSession() {}

  /**
   * @throws UsageException when the model is not built in the warehouse
   */
  static SyncRunner runner(Warehouse warehouse, SyncSpec spec, SyncListener listener) throws Exception {
    String schema = warehouse.defaultSchema();
    java.util.List<String> columns = warehouse.columns(schema, spec.model()).stream()
        .map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toList();
    if (columns.isEmpty()) {
      throw new UsageException("Cannot sync " + spec.name() + ": model " + spec.model() + " is not built in schema "
          + schema + " (run the audit, or leakproof models build)");
    }
    for (String column : spec.mappings().keySet()) {
      if (!columns.contains(column.toLowerCase(java.util.Locale.ROOT))) {
        throw new UsageException("Cannot sync " + spec.name() + ": model " + spec.model() + " has no column "
            + column + " (it has " + String.join(", ", columns) + "; rebuild the model or fix the mapping)");
      }
    }
    return new SyncRunner(spec, warehouse.connection(), schema + "." + spec.model(),
        SyncRunner.Options.defaults(listener));
  }

  static Console console() {
    return Console.stdout();
  }
}
