package dev.leakproof.connectors.sync;

/** A plan that breaks a sync's guardrails, or a model that can't be synced: nothing is sent. */
public final class GuardrailException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public GuardrailException(String message) {
    super(message);
  }
}
