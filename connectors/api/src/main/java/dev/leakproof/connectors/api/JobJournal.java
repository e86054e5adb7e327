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

  /** A journal that keeps nothing, for writers of synchronous APIs and for tests. */
  JobJournal NONE = (jobId, keys) -> { };
}
