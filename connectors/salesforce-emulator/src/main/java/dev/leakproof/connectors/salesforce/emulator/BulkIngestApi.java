package dev.leakproof.connectors.salesforce.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk API 2.0 ingest under {@code /services/data/vXX.X/jobs/ingest}: create, list, get, close or
 * abort, delete jobs; upload job data once; read successful, failed and unprocessed results.
 */
final class BulkIngestApi {

  private static final Map<String, Character> DELIMITERS = Map.of(
      "COMMA", ',', "BACKQUOTE", '`', "CARET", '^', "PIPE", '|', "SEMICOLON", ';', "TAB", '\t');

  private final Schema schema;
  private final JobRegistry jobs;
  private final JobProcessor processor;
  private final Faults faults;
  private final long maxUploadBytes;
  private final String userId;
  private final Clock clock;

  BulkIngestApi(Schema schema, JobRegistry jobs, JobProcessor processor, Faults faults, long maxUploadBytes, String userId, Clock clock) {
    this.schema = schema;
    this.jobs = jobs;
    this.processor = processor;
    this.faults = faults;
    this.maxUploadBytes = maxUploadBytes;
    this.userId = userId;
    this.clock = clock;
  }

  /** Handles {@code rest}, the path segments after {@code jobs/ingest}. */
  void handle(HttpExchange ex, String version, List<String> rest) throws IOException {
    String method = ex.getRequestMethod();
    if (rest.isEmpty()) {
      switch (method) {
        case "GET" -> list(ex);
        case "POST" -> HttpIo.sendJson(ex, 200, create(HttpIo.readJson(ex), version).info());
        default -> throw ApiException.methodNotAllowed(method, "GET,POST");
      }
      return;
    }
    IngestJob job = jobs.get(rest.get(0));
    if (rest.size() == 1) {
      switch (method) {
        case "GET" -> HttpIo.sendJson(ex, 200, job.poll());
        case "PATCH" -> HttpIo.sendJson(ex, 200, changeState(job, HttpIo.readJson(ex)));
        case "DELETE" -> delete(ex, job);
        default -> throw ApiException.methodNotAllowed(method, "GET,PATCH,DELETE");
      }
    } else if (rest.size() == 2 && rest.get(1).equals("batches")) {
      if (!method.equals("PUT")) {
        throw ApiException.methodNotAllowed(method, "PUT");
      }
      upload(ex, job);
    } else if (rest.size() == 2 && resultKind(rest.get(1)) != null) {
      if (!method.equals("GET")) {
        throw ApiException.methodNotAllowed(method, "GET");
      }
      HttpIo.sendText(ex, 200, "text/csv;charset=UTF-8", job.results(resultKind(rest.get(1))));
    } else {
      throw ApiException.notFound("The requested resource does not exist");
    }
  }

  private IngestJob create(JsonNode body, String version) {
    String objectName = body.path("object").asText("");
    String opName = body.path("operation").asText("");
    if (objectName.isEmpty()) {
      throw ApiException.invalidJob("InvalidJob : object is required");
    }
    SObjectType object = schema.object(objectName)
        .orElseThrow(() -> ApiException.notFound("sObject type '" + objectName + "' is not supported."));
    BulkOperation op = BulkOperation.fromApiName(opName)
        .orElseThrow(() -> ApiException.invalidJob("InvalidJob : Invalid operation: " + opName + " (insert, update, upsert or delete)"));
    String contentType = body.path("contentType").asText("CSV");
    String lineEnding = body.path("lineEnding").asText("LF");
    String delimiterName = body.path("columnDelimiter").asText("COMMA");
    if (!contentType.equals("CSV")) {
      throw ApiException.invalidJob("InvalidJob : Invalid contentType: " + contentType + " (only CSV is supported)");
    }
    if (!lineEnding.equals("LF") && !lineEnding.equals("CRLF")) {
      throw ApiException.invalidJob("InvalidJob : Invalid lineEnding: " + lineEnding + " (LF or CRLF)");
    }
    Character delimiter = DELIMITERS.get(delimiterName);
    if (delimiter == null) {
      throw ApiException.invalidJob("InvalidJob : Invalid columnDelimiter: " + delimiterName);
    }
    String externalId = op == BulkOperation.UPSERT ? externalIdField(object, body.path("externalIdFieldName").asText("")) : null;
    return jobs.create(id -> new IngestJob(id, object, op, externalId, version, lineEnding, delimiterName, delimiter, userId, clock));
  }

  private static String externalIdField(SObjectType object, String name) {
    if (name.isEmpty()) {
      throw ApiException.invalidJob("InvalidJob : externalIdFieldName is required for upsert");
    }
    FieldDef field = object.field(name).orElseThrow(
        () -> ApiException.invalidJob("InvalidJob : Field name not found : " + name + " (on " + object.name() + ")"));
    if (!field.externalId() && !field.name().equals("Id")) {
      throw ApiException.invalidJob("InvalidJob : Field " + field.name() + " on " + object.name() + " is not an external id field");
    }
    return field.name();
  }

  private void list(HttpExchange ex) throws IOException {
    List<Map<String, Object>> records = new ArrayList<>();
    jobs.all().forEach(job -> records.add(job.info()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("done", true);
    body.put("records", records);
    body.put("nextRecordsUrl", null);
    HttpIo.sendJson(ex, 200, body);
  }

  private void upload(HttpExchange ex, IngestJob job) throws IOException {
    if (job.state() != JobState.OPEN) {
      throw ApiException.invalidJobState("Job " + job.id + " is not in Open state (state: " + job.state().apiName() + ")");
    }
    byte[] data = HttpIo.readBody(ex, maxUploadBytes, () -> ApiException.invalidJob(
        "InvalidJob : Upload exceeds the maximum of " + maxUploadBytes + " bytes of CSV data per job"));
    job.upload(data);
    HttpIo.sendEmpty(ex, 201);
  }

  private Map<String, Object> changeState(IngestJob job, JsonNode body) {
    String target = body.path("state").asText("");
    switch (target) {
      case "UploadComplete" -> {
        job.close(faults.slowness());
        processor.submit(job);
      }
      case "Aborted" -> job.abort();
      default -> throw ApiException.invalidJob("InvalidJob : Invalid state: " + target + " (UploadComplete or Aborted)");
    }
    return job.info();
  }

  private void delete(HttpExchange ex, IngestJob job) throws IOException {
    if (!job.state().isTerminal()) {
      throw ApiException.invalidJobState("Cannot delete job " + job.id + " in state " + job.state().apiName()
          + " (only JobComplete, Failed or Aborted jobs can be deleted)");
    }
    jobs.remove(job.id);
    HttpIo.sendEmpty(ex, 204);
  }

  private static JobResults.Kind resultKind(String segment) {
    return switch (segment) {
      case "successfulResults" -> JobResults.Kind.SUCCESSFUL;
      case "failedResults" -> JobResults.Kind.FAILED;
      case "unprocessedrecords", "unprocessedRecords" -> JobResults.Kind.UNPROCESSED;
      default -> null;
    };
  }
}
