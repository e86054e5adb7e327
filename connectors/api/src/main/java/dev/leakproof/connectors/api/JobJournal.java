package dev.leakproof.connectors.api;

import java.util.List;

/**
 * Where a writer records an asynchronous job the destination accepted, before waiting for its
 * outcome: the sync engine makes it durable, so a run killed while the job runs resumes the job
 * rather than sending its records twice.
 */
@FunctionalInterface
public interface JobJournal {

  /** The destination accepted job {@code jobId} carrying the records with these keys. */
  void submitted(String jobId, List<String> keys);

  /**
   * As {@link #submitted(String, List)}, recording for each record the state the writer will
   * report once the job succeeds (what it is about to send), so a resumed run can finish or
   * repeat exactly that, idempotently, instead of planning anew.
   */
  default void submitted(String jobId, java.util.Map<String, String> pendingStates) {
    submitted(jobId, List.copyOf(pendingStates.keySet()));
  }

  /** A journal that keeps nothing, for writers of synchronous APIs and for tests. */
  JobJournal NONE = (jobId, keys) -> { };
}
