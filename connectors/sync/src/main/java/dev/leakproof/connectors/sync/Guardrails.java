package dev.leakproof.connectors.sync;

/**
 * Limits a plan must keep to before anything is sent.
 *
 * @param maxChangePct the most rows, as a percentage of those already synced, one run may change
 *     (null: no limit; a first run, with nothing synced yet, is not limited)
 * @param maxDeletes the most records one run may delete
 * @param nullOverwrite whether a null in the model may overwrite a value the destination has
 */
public record Guardrails(Double maxChangePct, int maxDeletes, NullOverwrite nullOverwrite) {

  /** Whether nulls may replace values already in the destination. */
  public enum NullOverwrite { REFUSE, ALLOW }

  public Guardrails {
    if (maxChangePct != null && (maxChangePct < 0 || maxChangePct > 100)) {
      throw new IllegalArgumentException("Invalid guardrails.max_change_pct: " + maxChangePct + " (0..100)");
    }
    if (maxDeletes < 0) {
      throw new IllegalArgumentException("Invalid guardrails.max_deletes: " + maxDeletes + " (at least 0)");
    }
  }

  public static Guardrails defaults() {
    return new Guardrails(null, 0, NullOverwrite.REFUSE);
  }
}
