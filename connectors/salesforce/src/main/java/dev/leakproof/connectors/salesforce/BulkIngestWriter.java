package dev.leakproof.connectors.salesforce;

import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.DestinationWriter;
import dev.leakproof.connectors.api.ErrorKind;
import dev.leakproof.connectors.api.SyncRecord;
import dev.leakproof.connectors.api.WriteResult;
import dev.leakproof.connectors.api.WriteSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes records to one sObject through Bulk API 2.0 ingest jobs: records are buffered as CSV
 * lines; a job is run when the next line would take the upload past salesforce.bulk.max-upload-
 * bytes, and at the end of input. Each job is journaled as soon as Salesforce creates it, before
 * its data is uploaded; a job whose data or close did not get through is aborted and reported
 * retriable, and one whose outcome cannot be learnt is reported state-unknown.
 */
final class BulkIngestWriter implements DestinationWriter {

  private final BulkApi api;
  private final JobRunner runner;
  private final long maxUploadBytes;
  private final WriteSpec spec;
  private final List<SyncRecord> buffered = new ArrayList<>();
  private final List<String> lines = new ArrayList<>();
  private long bufferedBytes;

  BulkIngestWriter(BulkApi api, JobRunner runner, long maxUploadBytes, WriteSpec spec) {
    this.api = api;
    this.runner = runner;
    this.maxUploadBytes = maxUploadBytes;
    this.spec = spec;
  }

  @Override
  public List<WriteResult> write(SyncRecord record) throws DestinationException {
    if (record.operation() != spec.operation()) {
      throw new IllegalArgumentException("Invalid record " + record.key() + ": " + record.operation()
          + " in a " + spec.operation() + " writer");
    }
    String line = line(record);
    long size = line.getBytes(StandardCharsets.UTF_8).length;
    long header = BulkCsv.header(header()).getBytes(StandardCharsets.UTF_8).length;
    if (header + size > maxUploadBytes) {
      return List.of(WriteResult.rejected(record.key(), ErrorKind.ROW_INVALID, "ROW_TOO_LARGE", "the record takes "
          + size + " bytes of CSV, more than salesforce.bulk.max-upload-bytes " + maxUploadBytes));
    }
    List<WriteResult> results = List.of();
    if (!buffered.isEmpty() && header + bufferedBytes + size > maxUploadBytes) {
      results = runJob();
    }
    buffered.add(record);
    lines.add(line);
    bufferedBytes += size;
    return results;
  }

  @Override
  public List<WriteResult> flush(EndOfInput endOfInput) throws DestinationException {
    return buffered.isEmpty() ? List.of() : runJob();
  }

  @Override
  public void close() {
    buffered.clear();
    lines.clear();
  }

  private List<String> header() {
    return switch (spec.operation()) {
      case DELETE -> List.of("Id");
      case UPDATE -> {
        List<String> h = new ArrayList<>(List.of("Id"));
        h.addAll(spec.fields());
        yield h;
      }
      default -> spec.fields();
    };
  }

  private String line(SyncRecord record) {
    List<String> values = new ArrayList<>();
    if (spec.operation() == SyncRecord.Operation.DELETE || spec.operation() == SyncRecord.Operation.UPDATE) {
      values.add(record.destinationId());
    }
    if (spec.operation() != SyncRecord.Operation.DELETE) {
      for (String field : spec.fields()) {
        Object v = record.fields().get(field);
        values.add(v == null ? null : v.toString());
      }
    }
    return BulkCsv.line(values);
  }

  /** Runs one job for the buffer and empties it; every buffered record gets a result. */
  private List<WriteResult> runJob() throws DestinationException {
    List<SyncRecord> records = new ArrayList<>(buffered);
    List<String> csvLines = new ArrayList<>(lines);
    buffered.clear();
    lines.clear();
    bufferedBytes = 0;
    List<WriteResult> results = new ArrayList<>();
    if (spec.operation() == SyncRecord.Operation.UPDATE) {
      resolveIds(records, csvLines, results);
      if (records.isEmpty()) {
        return results;
      }
    }
    StringBuilder csv = new StringBuilder(BulkCsv.header(header()));
    csvLines.forEach(csv::append);
    Map<String, String> idToKey = new LinkedHashMap<>();
    for (SyncRecord r : records) {
      if (r.destinationId() != null) {
        idToKey.put(r.destinationId(), r.key());
      }
    }
    String operation = spec.operation().name().toLowerCase(Locale.ROOT);
    BulkApi.JobInfo job = runner.read(() -> {
      try {
        return api.createJob(spec.object(), operation,
            spec.operation() == SyncRecord.Operation.UPSERT ? spec.externalIdField() : null);
      } catch (DestinationException e) {
        // a job created without our knowing stays Open, empty, and is never processed
        throw e.kind() == ErrorKind.STATE_UNKNOWN ? new DestinationException(ErrorKind.RETRIABLE, e.code(),
            e.getMessage(), e) : e;
      }
    });
    spec.journal().submitted(job.id(), records.stream().map(SyncRecord::key).toList());
    try {
      api.upload(job.id(), csv.toString().getBytes(StandardCharsets.UTF_8));
    } catch (DestinationException e) {
      abortQuietly(job.id());
      throw e.kind() == ErrorKind.STATE_UNKNOWN ? new DestinationException(ErrorKind.RETRIABLE, e.code(),
          e.getMessage() + "; job " + job.id() + " was never closed, so nothing was processed", e) : e;
    }
    close(job.id());
    BulkApi.JobInfo done = runner.awaitFinished(job.id());
    String keyColumn = spec.externalIdField();
    results.addAll(IngestJobResults.read(api, runner, done, keyColumn, idToKey));
    return results;
  }

  /** Closes the job; when the close's outcome is unclear, the job's state says whether it took. */
  private void close(String jobId) throws DestinationException {
    try {
      api.closeJob(jobId);
    } catch (DestinationException e) {
      if (e.kind() == ErrorKind.PERMANENT || e.kind() == ErrorKind.ROW_INVALID) {
        abortQuietly(jobId);
        throw e;
      }
      BulkApi.JobInfo info = runner.read(() -> api.job(jobId));
      if (info.state().equals("Open")) {
        abortQuietly(jobId);
        throw new DestinationException(ErrorKind.RETRIABLE, e.code(), e.getMessage() + "; job " + jobId
            + " was still Open, so it was aborted", e, e.retryAfter().orElse(null));
      }
    }
  }

  /** UPDATE goes by record id: ids are looked up by external id; records not found are rejected. */
  private void resolveIds(List<SyncRecord> records, List<String> csvLines, List<WriteResult> results)
      throws DestinationException {
    Map<String, String> ids = new LinkedHashMap<>();
    for (int from = 0; from < records.size(); from += 200) {
      List<SyncRecord> chunk = records.subList(from, Math.min(records.size(), from + 200));
      StringBuilder in = new StringBuilder();
      for (SyncRecord r : chunk) {
        in.append(in.length() == 0 ? "" : ",").append('\'').append(r.key().replace("\\", "\\\\")
            .replace("'", "\\'")).append('\'');
      }
      String soql = "SELECT Id, " + spec.externalIdField() + " FROM " + spec.object() + " WHERE "
          + spec.externalIdField() + " IN (" + in + ")";
      for (Map<String, String> row : runner.read(() -> api.query(soql))) {
        ids.put(row.get(spec.externalIdField()), row.get("Id"));
      }
    }
    List<SyncRecord> found = new ArrayList<>();
    List<String> foundLines = new ArrayList<>();
    for (SyncRecord r : records) {
      String id = ids.get(r.key());
      if (id == null) {
        results.add(WriteResult.rejected(r.key(), ErrorKind.ROW_INVALID, "NOT_FOUND", "no " + spec.object()
            + " has " + spec.externalIdField() + " = " + r.key() + " (update mode never creates)"));
      } else {
        SyncRecord withId = new SyncRecord(r.key(), r.operation(), id, r.fields());
        found.add(withId);
        foundLines.add(line(withId));
      }
    }
    records.clear();
    records.addAll(found);
    csvLines.clear();
    csvLines.addAll(foundLines);
  }

  private void abortQuietly(String jobId) {
    try {
      api.abortJob(jobId);
    } catch (DestinationException ignored) {
      // an Open job that is never closed is never processed; Salesforce deletes it after a week
    }
  }
}
