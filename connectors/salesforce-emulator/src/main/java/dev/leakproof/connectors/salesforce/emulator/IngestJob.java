package dev.leakproof.connectors.salesforce.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Bulk API 2.0 ingest job: its definition, its state machine (Open, UploadComplete, InProgress,
 * then JobComplete, Failed or Aborted), the uploaded data until processed, and the per-row results.
 * A finished job may be held InProgress by the slow-jobs fault until enough polls or time passed.
 * Row outcomes live in {@link JobResults}.
 * All mutable state is guarded by this object's monitor.
 */
final class IngestJob {

  final String id;
  final SObjectType object;
  final BulkOperation operation;
  final String externalIdField;
  final String apiVersion;
  final String lineEnding;
  final String columnDelimiter;
  final char delimiter;
  final String createdById;
  final Instant createdDate;
  private final Clock clock;

  private JobState state = JobState.OPEN;
  private Instant modstamp;
  private byte[] data;
  private boolean uploaded;
  private int processed;
  private int failed;
  private String errorMessage;
  private long processingMillis;
  private final JobResults results = new JobResults();
  private JobState pendingFinal;
  private int pollsLeft;
  private Instant slowUntil;

  IngestJob(String id, SObjectType object, BulkOperation operation, String externalIdField, String apiVersion,
      String lineEnding, String columnDelimiter, char delimiter, String createdById, Clock clock) {
    this.id = id;
    this.object = object;
    this.operation = operation;
    this.externalIdField = externalIdField;
    this.apiVersion = apiVersion;
    this.lineEnding = lineEnding;
    this.columnDelimiter = columnDelimiter;
    this.delimiter = delimiter;
    this.createdById = createdById;
    this.clock = clock;
    this.createdDate = clock.instant();
    this.modstamp = createdDate;
  }

  synchronized void upload(byte[] bytes) {
    if (state != JobState.OPEN) {
      throw ApiException.invalidJobState("Job " + id + " is not in Open state (state: " + state.apiName() + "); upload data only to an Open job");
    }
    if (uploaded) {
      throw ApiException.invalidJob("Found multiple contents for job: <" + id + ">, please 'Close' / 'Abort' / 'Delete' the current Job"
          + " then create a new Job and make sure you only do 'PUT' once on a given Job.");
    }
    data = bytes;
    uploaded = true;
    touch();
  }

  synchronized void close(Faults.Slowness slowness) {
    if (state != JobState.OPEN) {
      throw ApiException.invalidJobState("Cannot close job " + id + " in state " + state.apiName() + " (only an Open job can be closed)");
    }
    state = JobState.UPLOAD_COMPLETE;
    pollsLeft = slowness == null ? 0 : slowness.polls();
    slowUntil = slowness == null ? null : clock.instant().plus(slowness.duration());
    touch();
  }

  synchronized void abort() {
    if (state != JobState.OPEN && state != JobState.UPLOAD_COMPLETE && state != JobState.IN_PROGRESS) {
      throw ApiException.invalidJobState("Cannot abort job " + id + " in state " + state.apiName());
    }
    if (data != null) {
      try {
        List<List<String>> rows = Csv.parse(new String(data, StandardCharsets.UTF_8), delimiter);
        if (!rows.isEmpty()) {
          results.header(rows.get(0));
          results.unprocessed(rows.subList(1, rows.size()));
        }
      } catch (Csv.MalformedCsv e) {
        // nothing parseable to report as unprocessed
      }
    }
    data = null;
    pendingFinal = null;
    state = JobState.ABORTED;
    touch();
  }

  /** Moves UploadComplete to InProgress and hands over the data; null if the job was aborted meanwhile. */
  synchronized byte[] begin() {
    if (state != JobState.UPLOAD_COMPLETE) {
      return null;
    }
    state = JobState.IN_PROGRESS;
    byte[] out = data == null ? new byte[0] : data;
    data = null;
    touch();
    return out;
  }

  synchronized boolean isAborted() {
    return state == JobState.ABORTED;
  }

  synchronized void header(List<String> columns) {
    results.header(columns);
  }

  synchronized void succeeded(String recordId, boolean created, List<String> row) {
    results.succeeded(recordId, created, row);
    processed++;
  }

  synchronized void rowFailed(String recordId, String error, List<String> row) {
    results.failed(recordId, error, row);
    processed++;
    failed++;
  }

  synchronized void notProcessed(List<List<String>> rows) {
    results.unprocessed(rows);
  }

  /** Records the outcome of processing: JobComplete, or Failed with {@code failure}; shown once the slow-jobs hold ends. */
  synchronized void finish(String failure, long millis) {
    processingMillis = millis;
    if (state != JobState.IN_PROGRESS) {
      return;
    }
    errorMessage = failure;
    pendingFinal = failure == null ? JobState.JOB_COMPLETE : JobState.FAILED;
    settle();
  }

  /** A client's GET of the job: counts against a slow-jobs hold. */
  synchronized Map<String, Object> poll() {
    Map<String, Object> info = info();
    if (pollsLeft > 0 && (state == JobState.UPLOAD_COMPLETE || state == JobState.IN_PROGRESS)) {
      pollsLeft--;
    }
    return info;
  }

  synchronized JobState state() {
    settle();
    return state;
  }

  synchronized Map<String, Object> info() {
    settle();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("operation", operation.apiName());
    m.put("object", object.name());
    m.put("createdById", createdById);
    m.put("createdDate", FieldValues.formatDateTime(createdDate));
    m.put("systemModstamp", FieldValues.formatDateTime(modstamp));
    m.put("state", state.apiName());
    if (externalIdField != null) {
      m.put("externalIdFieldName", externalIdField);
    }
    m.put("concurrencyMode", "Parallel");
    m.put("contentType", "CSV");
    m.put("apiVersion", Double.parseDouble(apiVersion));
    m.put("jobType", "V2Ingest");
    m.put("contentUrl", "services/data/v" + apiVersion + "/jobs/ingest/" + id + "/batches");
    m.put("lineEnding", lineEnding);
    m.put("columnDelimiter", columnDelimiter);
    m.put("numberRecordsProcessed", processed);
    m.put("numberRecordsFailed", failed);
    m.put("retries", 0);
    m.put("totalProcessingTime", processingMillis);
    m.put("apiActiveProcessingTime", processingMillis);
    m.put("apexProcessingTime", 0);
    if (errorMessage != null) {
      m.put("errorMessage", errorMessage);
    }
    return m;
  }

  synchronized JobSnapshot snapshot() {
    settle();
    return new JobSnapshot(id, object.name(), operation, externalIdField, state, processed, failed, errorMessage, apiVersion, createdDate);
  }

  synchronized String results(JobResults.Kind kind) {
    settle();
    if (!state.isTerminal()) {
      throw ApiException.invalidJobState("Job " + id + " is not finished (state: " + state.apiName() + "); results are available once it is JobComplete, Failed or Aborted");
    }
    return results.render(kind, delimiter, lineEnding);
  }

  private void settle() {
    if (pendingFinal != null && pollsLeft <= 0 && (slowUntil == null || !clock.instant().isBefore(slowUntil))) {
      state = pendingFinal;
      pendingFinal = null;
      touch();
    }
  }

  private void touch() {
    modstamp = clock.instant();
  }
}
