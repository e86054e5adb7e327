package dev.leakproof.connectors.salesforce.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control endpoints for scripts (not part of Salesforce's API, no auth, not counted):
 * {@code POST /__emulator/faults} with one fault object or an array of them, {@code POST
 * /__emulator/reset}, {@code POST /__emulator/expire-tokens} and {@code GET /__emulator/state}.
 */
final class ControlApi {

  static final String PREFIX = "/__emulator/";

  private final SalesforceEmulator emulator;

  ControlApi(SalesforceEmulator emulator) {
    this.emulator = emulator;
  }

  void handle(HttpExchange ex, String path) throws IOException {
    String action = path.substring(PREFIX.length());
    String method = ex.getRequestMethod();
    if (action.equals("state") && method.equals("GET")) {
      HttpIo.sendJson(ex, 200, state());
      return;
    }
    if (!method.equals("POST")) {
      throw ApiException.methodNotAllowed(method, action.equals("state") ? "GET" : "POST");
    }
    switch (action) {
      case "faults" -> {
        JsonNode body;
        try {
          body = HttpIo.JSON.readTree(HttpIo.readBody(ex, HttpIo.MAX_SMALL_BODY, () -> fault("body too large")));
        } catch (JsonProcessingException e) {
          throw fault("malformed JSON: " + e.getOriginalMessage());
        }
        List<JsonNode> faults = new ArrayList<>();
        if (body != null && body.isArray()) {
          body.forEach(faults::add);
        } else if (body != null && body.isObject()) {
          faults.add(body);
        } else {
          throw fault("expected a JSON object or array");
        }
        for (JsonNode f : faults) {
          apply(f);
        }
      }
      case "reset" -> emulator.reset();
      case "expire-tokens" -> emulator.expireTokens();
      default -> throw ApiException.notFound("No such control action: " + action);
    }
    HttpIo.sendJson(ex, 200, Map.of("ok", true));
  }

  private void apply(JsonNode f) {
    Faults faults = emulator.faults();
    String kind = f.path("fault").asText("");
    try {
      switch (kind) {
        case "http-status" -> faults.respondWith(f.path("status").asInt(), f.path("count").asInt(1),
            f.path("retryAfterSeconds").asInt(1), f.path("pathPrefix").asText(Faults.API_PREFIX));
        case "drop-connection" -> faults.dropConnections(f.path("count").asInt(1), f.path("pathPrefix").asText(Faults.API_PREFIX));
        case "lock-rows" -> faults.lockRows(f.path("count").asInt(1));
        case "slow-jobs" -> {
          if (f.has("durationMillis")) {
            faults.slowJobs(Duration.ofMillis(f.path("durationMillis").asLong()));
          } else {
            faults.slowJobs(f.path("polls").asInt(1));
          }
        }
        case "fail-next-job" -> faults.failNextJob(f.path("message").asText("InvalidBatch : Failed by emulator fault"));
        case "clear" -> faults.clear();
        default -> throw fault("unknown fault '" + kind + "' (http-status, drop-connection, lock-rows, slow-jobs, fail-next-job, clear)");
      }
    } catch (IllegalArgumentException e) {
      throw fault(e.getMessage());
    }
  }

  private Map<String, Object> state() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiUsage", emulator.apiUsage());
    out.put("dailyApiBudget", emulator.config().dailyApiBudget());
    Map<String, Integer> counts = new LinkedHashMap<>();
    emulator.config().schema().objects().forEach(o -> counts.put(o.name(), emulator.records(o.name()).size()));
    out.put("records", counts);
    List<Map<String, Object>> jobs = new ArrayList<>();
    emulator.jobs().forEach(j -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", j.id());
      m.put("object", j.object());
      m.put("operation", j.operation().apiName());
      m.put("state", j.state().apiName());
      m.put("numberRecordsProcessed", j.numberRecordsProcessed());
      m.put("numberRecordsFailed", j.numberRecordsFailed());
      m.put("errorMessage", j.errorMessage());
      jobs.add(m);
    });
    out.put("jobs", jobs);
    return out;
  }

  private static ApiException fault(String why) {
    return new ApiException(400, "INVALID_FAULT", "Invalid fault: " + why);
  }
}
