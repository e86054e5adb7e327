package dev.leakproof.connectors.api;

/**
 * A reverse-ETL destination (Salesforce, Stripe, ...): built from an immutable, validated
 * configuration, it opens writers for the objects a sync targets.
 */
public interface Destination extends AutoCloseable {

  /** The destination's name in sync files and messages ({@code salesforce}). */
  String name();

  /**
   * Which instance the destination writes to ({@code salesforce https://acme.my.salesforce.com}):
   * what a sync's ledger knows holds for one instance only.
   */
  default String identity() {
    return name();
  }

  /**
   * Opens a writer for one object and operation.
   *
   * @throws DestinationException when the object or a field does not exist or cannot be written
   */
  DestinationWriter open(WriteSpec spec) throws DestinationException;

  /**
   * The outcome of a job submitted by an earlier, interrupted run, waiting for it to finish if it
   * is still running; the records' keys come from the destination's own result files (the
   * {@code spec}'s external id field, or, for deletes, the destination id). A job that never got
   * all its data is cancelled and returns no results, so its records are sent again.
   *
   * @param spec what the sync writes (object, external id field); its journal is not used
   * @throws DestinationException with {@link ErrorKind#STATE_UNKNOWN} when the job cannot be found
   */
  default java.util.List<WriteResult> resume(WriteSpec spec, String jobId) throws DestinationException {
    throw new DestinationException(ErrorKind.STATE_UNKNOWN, "RESUME_UNSUPPORTED",
        "Cannot resume job " + jobId + ": " + name() + " has no asynchronous jobs");
  }

  /**
   * As {@link #resume(WriteSpec, String)}, given the states the writer journaled for the job's
   * records ({@link JobJournal#submitted(String, java.util.Map)}).
   */
  default java.util.List<WriteResult> resume(WriteSpec spec, String jobId, java.util.Map<String, String> pendingStates)
      throws DestinationException {
    return resume(spec, jobId);
  }

  @Override
  void close() throws DestinationException;
}
