package dev.leakproof.connectors.api;

/**
 * A reverse-ETL destination (Salesforce, Stripe, ...): built from an immutable, validated
 * configuration, it opens writers for the objects a sync targets.
 */
public interface Destination extends AutoCloseable {

  /** The destination's name in sync files and messages ({@code salesforce}). */
  String name();

  /**
   * Opens a writer for one object and operation.
   *
   * @throws DestinationException when the object or a field does not exist or cannot be written
   */
  DestinationWriter open(WriteSpec spec) throws DestinationException;

  /**
   * The outcome of a job submitted by an earlier, interrupted run, waiting for it to finish if it
   * is still running; the records' keys come from the destination's own result files.
   *
   * @throws DestinationException with {@link ErrorKind#STATE_UNKNOWN} when the job cannot be found
   */
  default java.util.List<WriteResult> resume(String object, String jobId) throws DestinationException {
    throw new DestinationException(ErrorKind.STATE_UNKNOWN, "RESUME_UNSUPPORTED",
        "Cannot resume job " + jobId + ": " + name() + " has no asynchronous jobs");
  }

  @Override
  void close() throws DestinationException;
}
