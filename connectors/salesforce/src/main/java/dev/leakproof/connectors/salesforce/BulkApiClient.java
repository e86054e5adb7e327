package dev.leakproof.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.ErrorKind;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link BulkApi} over the org's REST API, with the pinned API version. */
public final class BulkApiClient implements BulkApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SalesforceHttp http;
  private final SalesforceConfig config;

  public BulkApiClient(SalesforceConfig config, HttpClient client, Clock clock) {
    this.config = config;
    this.http = new SalesforceHttp(config, client, clock);
  }

  @Override
  public JobInfo createJob(String object, String operation, String externalIdField) throws DestinationException {
    ObjectNode body = JSON.createObjectNode();
    body.put("object", object);
    body.put("operation", operation);
    if (externalIdField != null) {
      body.put("externalIdFieldName", externalIdField);
    }
    body.put("contentType", "CSV");
    body.put("lineEnding", "LF");
    body.put("columnDelimiter", "COMMA");
    return jobInfo(http.call("POST", "/jobs/ingest/", "application/json", bytes(body), SalesforceHttp.Repeat.UNSAFE,
        "create a " + operation + " job on " + object));
  }

  @Override
  public void upload(String jobId, byte[] csv) throws DestinationException {
    http.call("PUT", "/jobs/ingest/" + jobId + "/batches/", "text/csv", csv, SalesforceHttp.Repeat.UNSAFE,
        "upload " + csv.length + " bytes to job " + jobId);
  }

  @Override
  public JobInfo closeJob(String jobId) throws DestinationException {
    return state(jobId, "UploadComplete", "close job " + jobId);
  }

  @Override
  public JobInfo abortJob(String jobId) throws DestinationException {
    return state(jobId, "Aborted", "abort job " + jobId);
  }

  private JobInfo state(String jobId, String state, String what) throws DestinationException {
    ObjectNode body = JSON.createObjectNode();
    body.put("state", state);
    return jobInfo(http.call("PATCH", "/jobs/ingest/" + jobId + "/", "application/json", bytes(body),
        SalesforceHttp.Repeat.UNSAFE, what));
  }

  @Override
  public JobInfo job(String jobId) throws DestinationException {
    return jobInfo(http.call("GET", "/jobs/ingest/" + jobId + "/", null, null, SalesforceHttp.Repeat.SAFE,
        "read job " + jobId));
  }

  @Override
  public String results(String jobId, Results which) throws DestinationException {
    return http.call("GET", "/jobs/ingest/" + jobId + "/" + which.path() + "/", null, null,
        SalesforceHttp.Repeat.SAFE, "read the " + which.path() + " of job " + jobId);
  }

  @Override
  public Map<String, FieldInfo> describe(String object) throws DestinationException {
    JsonNode node = parse(http.call("GET", "/sobjects/" + object + "/describe/", null, null,
        SalesforceHttp.Repeat.SAFE, "describe " + object), "describe " + object);
    Map<String, FieldInfo> fields = new LinkedHashMap<>();
    for (JsonNode f : node.path("fields")) {
      fields.put(f.path("name").asText(), new FieldInfo(f.path("name").asText(), f.path("type").asText(),
          f.path("length").asInt(0), f.path("updateable").asBoolean(), f.path("createable").asBoolean(),
          f.path("externalId").asBoolean()));
    }
    return fields;
  }

  @Override
  public List<Map<String, String>> query(String soql) throws DestinationException {
    List<Map<String, String>> records = new ArrayList<>();
    String path = "/query/?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8);
    while (path != null) {
      JsonNode page = parse(http.call("GET", path, null, null, SalesforceHttp.Repeat.SAFE, "query " + object(soql)),
          "query");
      for (JsonNode r : page.path("records")) {
        Map<String, String> record = new LinkedHashMap<>();
        flatten("", r, record);
        records.add(record);
      }
      String next = page.path("nextRecordsUrl").asText(null);
      path = page.path("done").asBoolean(true) || next == null ? null
          : next.substring(next.indexOf(config.dataPath()) + config.dataPath().length());
    }
    return records;
  }

  @Override
  public long[] apiUsage() {
    return http.budget().usage();
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("attributes")) {
        continue;
      }
      if (e.getValue().isObject()) {
        flatten(prefix + e.getKey() + ".", e.getValue(), out);
      } else {
        out.put(prefix + e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
      }
    }
  }

  private static String object(String soql) {
    String[] words = soql.split("\\s+");
    for (int i = 0; i + 1 < words.length; i++) {
      if (words[i].equalsIgnoreCase("FROM")) {
        return words[i + 1];
      }
    }
    return "records";
  }

  private static JobInfo jobInfo(String body) throws DestinationException {
    JsonNode n = parse(body, "read a job");
    return new JobInfo(n.path("id").asText(), n.path("object").asText(), n.path("operation").asText(),
        n.path("externalIdFieldName").asText(null), n.path("state").asText(), n.path("numberRecordsProcessed")
        .asLong(), n.path("numberRecordsFailed").asLong(), n.path("errorMessage").asText(null));
  }

  private static JsonNode parse(String body, String what) throws DestinationException {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new DestinationException(ErrorKind.PERMANENT, "INVALID_RESPONSE", "Cannot " + what
          + ": the response is not JSON", e);
    }
  }

  private static byte[] bytes(ObjectNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }
}
