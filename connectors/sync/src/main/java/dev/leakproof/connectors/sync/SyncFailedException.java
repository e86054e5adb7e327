package dev.leakproof.connectors.sync;

/**
 * A run that stopped before it could send its whole plan (a permanent destination fault, or a
 * job whose outcome is unknown); the run history and the ledger say what was settled.
 */
public final class SyncFailedException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient RunRecord run;

  public SyncFailedException(String message, RunRecord run, Throwable cause) {
    super(message, cause);
    this.run = run;
  }

  public RunRecord run() {
    return run;
  }
}
