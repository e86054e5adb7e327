package dev.leakproof.cli.sync;

import dev.leakproof.cli.support.Console;
import dev.leakproof.connectors.api.Destination;
import dev.leakproof.connectors.sync.GuardrailException;
import dev.leakproof.connectors.sync.RunRecord;
import dev.leakproof.connectors.sync.SyncFailedException;
import dev.leakproof.connectors.sync.SyncSpec;
import dev.leakproof.sql.warehouse.Warehouse;

/** Runs one sync with progress on the console and a one-line summary; used by sync apply and the demo. */
public final class SyncDriver {

  private SyncDriver() {}

  /**
   * @return the run, also when it stopped or was refused (its status says so); null when refused
   *     by a guardrail before a run was recorded
   */
  public static RunRecord run(Console console, Warehouse warehouse, SyncSpec spec, Destination destination)
      throws Exception {
    try (ConsoleListener listener = new ConsoleListener(console, spec.name())) {
      try {
        RunRecord run = SyncSession.runner(warehouse, spec, listener).apply(destination);
        listener.close();
        console.line(SyncApplyCommand.summaryLine(run));
        return run;
      } catch (GuardrailException e) {
        listener.close();
        System.err.println("leakproof: " + e.getMessage());
        return null;
      } catch (SyncFailedException e) {
        listener.close();
        console.line(SyncApplyCommand.summaryLine(e.run()));
        System.err.println("leakproof: " + e.getMessage());
        return e.run();
      }
    }
  }
}
