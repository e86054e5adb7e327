package dev.leakproof.connectors.sync;

/**
 * How a run ended, as the run history records it.
 */
public enum RunOutcome {
  /** Planned only ({@code sync plan}); nothing was sent. */
  PLANNED,
  /** Still running. */
  RUNNING,
  /** Killed while running (found RUNNING by the next run, which reconciled what it left). */
  INTERRUPTED,
  /** Every planned record was confirmed. */
  SUCCEEDED,
  /** Finished, but some records were rejected or left unprocessed; they are planned again next run. */
  PARTIAL,
  /** A guardrail refused the plan; nothing was sent. */
  REFUSED,
  /** A permanent fault stopped the run; what was confirmed before it stays confirmed. */
  FAILED,
  /** The outcome of a job is unknown; the next run reconciles it before sending anything. */
  INCOMPLETE
}
