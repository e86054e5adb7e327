package dev.leakproof.connectors.salesforce;

import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.ErrorKind;
import dev.leakproof.connectors.api.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a finished job's result files into one {@link WriteResult} per record, keyed by the key
 * column (the external id field; for deletes the record id, mapped back to keys when known).
 */
final class IngestJobResults {

  private IngestJobResults() {}

  /**
   * @param idToKey for deletes: record id to sync key; empty when unknown (a resumed job), so the
   *     results are keyed by record id
   */
  static List<WriteResult> read(BulkApi api, JobRunner runner, BulkApi.JobInfo job, String keyColumn,
      Map<String, String> idToKey) throws DestinationException {
    boolean delete = job.operation().equals("delete") || job.operation().equals("hardDelete");
    if (job.state().equals("Failed") && job.recordsProcessed() == 0 && job.errorMessage() != null) {
      throw jobFailed(job);
    }
    List<WriteResult> results = new ArrayList<>();
    List<List<String>> ok = BulkCsv.parse(runner.read(() -> api.results(job.id(), BulkApi.Results.SUCCESSFUL)));
    if (!ok.isEmpty()) {
      int id = ok.get(0).indexOf("sf__Id");
      int created = ok.get(0).indexOf("sf__Created");
      int key = delete ? id : column(ok.get(0), keyColumn, job);
      for (List<String> row : ok.subList(1, ok.size())) {
        String k = key(row.get(key), delete, idToKey);
        WriteResult.Change change = delete ? WriteResult.Change.DELETED
            : created >= 0 && Boolean.parseBoolean(row.get(created)) ? WriteResult.Change.CREATED
            : WriteResult.Change.UPDATED;
        results.add(WriteResult.accepted(k, change, row.get(id)));
      }
    }
    List<List<String>> failed = BulkCsv.parse(runner.read(() -> api.results(job.id(), BulkApi.Results.FAILED)));
    if (!failed.isEmpty()) {
      int error = failed.get(0).indexOf("sf__Error");
      int key = delete ? column(failed.get(0), "Id", job) : column(failed.get(0), keyColumn, job);
      for (List<String> row : failed.subList(1, failed.size())) {
        String k = key(row.get(key), delete, idToKey);
        SalesforceErrorParser.RowError e = SalesforceErrorParser.row(row.get(error));
        if (delete && e.code().equals("ENTITY_IS_DELETED")) {
          results.add(WriteResult.accepted(k, WriteResult.Change.DELETED, row.get(key)));
        } else {
          results.add(WriteResult.rejected(k, e.kind(), e.code(), e.message()));
        }
      }
    }
    List<List<String>> left = BulkCsv.parse(runner.read(() -> api.results(job.id(), BulkApi.Results.UNPROCESSED)));
    if (!left.isEmpty()) {
      int key = delete ? column(left.get(0), "Id", job) : column(left.get(0), keyColumn, job);
      for (List<String> row : left.subList(1, left.size())) {
        results.add(WriteResult.unprocessed(key(row.get(key), delete, idToKey), "job " + job.id() + " "
            + job.state() + " before the record was processed"
            + (job.errorMessage() == null ? "" : ": " + job.errorMessage())));
      }
    }
    return results;
  }

  /**
   * A job Salesforce failed whole: a header or object problem stops the sync (permanent); any
   * other failure is blamed on the data, so the engine halves the batch to find the bad rows.
   */
  static DestinationException jobFailed(BulkApi.JobInfo job) {
    String message = job.errorMessage();
    boolean structural = message.contains("Field name not found") || message.contains("header")
        || message.contains("externalIdFieldName") || message.contains("sObject type") || message.contains("Invalid field");
    return new DestinationException(structural ? ErrorKind.PERMANENT : ErrorKind.ROW_INVALID, "JOB_FAILED",
        "Job " + job.id() + " on " + job.object() + " failed: " + message);
  }

  private static int column(List<String> header, String name, BulkApi.JobInfo job) throws DestinationException {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new DestinationException(ErrorKind.STATE_UNKNOWN, "RESULTS_UNREADABLE", "Cannot read the results of job "
          + job.id() + ": no " + name + " column in " + header);
    }
    return i;
  }

  private static String key(String value, boolean delete, Map<String, String> idToKey) {
    return delete ? idToKey.getOrDefault(value, value) : value;
  }
}
