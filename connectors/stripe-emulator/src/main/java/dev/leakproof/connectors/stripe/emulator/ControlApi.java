package dev.leakproof.connectors.stripe.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The control endpoints for scripts (not part of Stripe's API; no auth, not counted, never faulted):
 * {@code POST /__emulator/faults} with one fault object or an array, {@code POST /__emulator/reset},
 * {@code POST /__emulator/clock} {@code {"advanceSeconds":N}}, {@code GET /__emulator/meter_event_errors}
 * and {@code GET /__emulator/state}.
 */
final class ControlApi {

  static final String PREFIX = "/__emulator/";

  private final StripeEmulator emulator;

  ControlApi(StripeEmulator emulator) {
    this.emulator = emulator;
  }

  void handle(HttpExchange ex, String path) throws IOException {
    String action = path.substring(PREFIX.length());
    String method = ex.getRequestMethod();
    try {
      if (method.equals("GET") && (action.equals("state") || action.equals("meter_event_errors"))) {
        HttpIo.sendJson(ex, 200, action.equals("state") ? state() : Map.of("object", "list", "data", errors()));
        return;
      }
      if (!method.equals("POST")) {
        throw ApiError.unrecognizedUrl(method, path);
      }
      JsonNode body = body(ex);
      switch (action) {
        case "faults" -> {
          List<JsonNode> faults = new ArrayList<>();
          if (body.isArray()) {
            body.forEach(faults::add);
          } else {
            faults.add(body);
          }
          faults.forEach(this::apply);
        }
        case "reset" -> emulator.reset();
        case "clock" -> {
          if (!body.path("advanceSeconds").canConvertToLong() || body.path("advanceSeconds").asLong() < 0) {
            throw fault("clock needs {\"advanceSeconds\": N} with N >= 0, got " + body);
          }
          emulator.advanceClock(Duration.ofSeconds(body.path("advanceSeconds").asLong()));
        }
        default -> throw ApiError.unrecognizedUrl(method, path);
      }
      HttpIo.sendJson(ex, 200, Map.of("ok", true, "now", Times.rfc3339(emulator.now())));
    } catch (ApiError e) {
      Router.respond(ex, e, path);
    }
  }

  private void apply(JsonNode f) {
    Faults faults = emulator.faults();
    String kind = f.path("fault").asText("");
    String prefix = f.path("pathPrefix").asText(Faults.ALL);
    try {
      switch (kind) {
        case "server-error" -> faults.serverErrors(f.path("count").asInt(1), prefix);
        case "timeout" -> faults.timeouts(f.path("count").asInt(1), prefix,
            Faults.TimeoutMode.valueOf(f.path("mode").asText("hold").toUpperCase(Locale.ROOT)),
            Duration.ofMillis(f.path("holdMillis").asLong(30_000)));
        case "rate-limit-storm" -> {
          int retryAfter = f.path("retryAfterSeconds").asInt(1);
          if (f.has("durationMillis")) {
            faults.rateLimitStorm(Duration.ofMillis(f.path("durationMillis").asLong()), prefix, retryAfter);
          } else {
            faults.rateLimitStorm(f.path("count").asInt(1), prefix, retryAfter);
          }
        }
        case "clear" -> faults.clear();
        default -> throw fault("unknown fault '" + kind + "' (server-error, timeout, rate-limit-storm, clear)");
      }
    } catch (IllegalArgumentException e) {
      throw fault(e.getMessage());
    }
  }

  private List<Map<String, Object>> errors() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (MeterEventError e : emulator.meterEventErrors()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", e.code());
      m.put("message", e.message());
      m.put("event_name", e.eventName());
      m.put("identifier", e.identifier());
      m.put("received_at", Times.rfc3339(e.receivedAt()));
      m.put("source", e.source().name().toLowerCase(Locale.ROOT));
      out.add(m);
    }
    return out;
  }

  private Map<String, Object> state() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("now", Times.rfc3339(emulator.now()));
    out.put("customers", emulator.customers().size());
    out.put("meters", emulator.meters().size());
    out.put("meterEvents", emulator.meterEventCount());
    out.put("invoiceItems", emulator.invoiceItems().size());
    StreamStats s = emulator.acceptedStreamEvents();
    out.put("stream", Map.of("requests", s.requests(), "events", s.events(), "stored", s.stored(), "duplicates", s.duplicates(),
        "invalid", s.invalid(), "eventsPerSecond", Math.round(s.eventsPerSecond())));
    out.put("requests", emulator.requestCount("/"));
    return out;
  }

  private static JsonNode body(HttpExchange ex) throws IOException {
    byte[] bytes = HttpIo.readBody(ex);
    if (bytes.length == 0) {
      return HttpIo.JSON.createObjectNode();
    }
    try {
      JsonNode node = HttpIo.JSON.readTree(bytes);
      if (node == null || !(node.isObject() || node.isArray())) {
        throw fault("expected a JSON object or array");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw fault("malformed JSON: " + e.getOriginalMessage());
    }
  }

  private static ApiError fault(String why) {
    return ApiError.invalid(null, "Invalid control request: " + why, null);
  }
}
