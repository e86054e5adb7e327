package dev.leakproof.connectors.salesforce;

import dev.leakproof.connectors.api.DestinationException;
import java.util.List;
import java.util.Map;

/**
 * The Salesforce calls the destination makes: Bulk API 2.0 ingest jobs, sObject describe, and
 * SOQL. {@link BulkApiClient} makes them over HTTP, against an org or the emulator alike.
 */
public interface BulkApi {

  /** An ingest job as Salesforce reports it. */
  record JobInfo(String id, String object, String operation, String externalIdField, String state,
      long recordsProcessed, long recordsFailed, String errorMessage) {

    /** Whether the job will not change any more (JobComplete, Failed, Aborted). */
    public boolean finished() {
      return state.equals("JobComplete") || state.equals("Failed") || state.equals("Aborted");
    }
  }

  /** Which of a finished job's result files. */
  enum Results {
    SUCCESSFUL("successfulResults"), FAILED("failedResults"), UNPROCESSED("unprocessedrecords");

    private final String path;

    Results(String path) {
      this.path = path;
    }

    public String path() {
      return path;
    }
  }

  /** A field of an sObject, as describe reports it. */
  record FieldInfo(String name, String type, int length, boolean updateable, boolean createable,
      boolean externalId) {}

  JobInfo createJob(String object, String operation, String externalIdField) throws DestinationException;

  void upload(String jobId, byte[] csv) throws DestinationException;

  /** Marks the upload complete (state UploadComplete); Salesforce then queues the job. */
  JobInfo closeJob(String jobId) throws DestinationException;

  JobInfo abortJob(String jobId) throws DestinationException;

  JobInfo job(String jobId) throws DestinationException;

  /** A result file of a finished job, as CSV. */
  String results(String jobId, Results which) throws DestinationException;

  /** The fields of an sObject, by name. */
  Map<String, FieldInfo> describe(String object) throws DestinationException;

  /** The records a SOQL query returns (every page), as field name to text. */
  List<Map<String, String>> query(String soql) throws DestinationException;

  /** API requests used and the org's daily maximum, as last reported ({-1, -1} before any call). */
  long[] apiUsage();
}
