package dev.leakproof.pipelines.collector;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** An HTTP answer of the collector: status, extra headers and a JSON body (one line). */
record Reply(int status, Map<String, String> headers, byte[] body) {

  /** {@code {"error": message, "request_id": id}}. */
  static Reply error(int status, String message, String requestId, Map<String, String> headers) {
    return new Reply(status, headers, write(g -> {
      g.writeStartObject();
      g.writeStringField("error", message);
      g.writeStringField("request_id", requestId);
      g.writeEndObject();
    }));
  }

  /** The 202 answer: counts and one result per event, in request order. */
  static Reply accepted(String requestId, List<JudgedEvent> events) {
    long accepted = events.stream().filter(JudgedEvent::accepted).count();
    return new Reply(202, Map.of(), write(g -> {
      g.writeStartObject();
      g.writeStringField("request_id", requestId);
      g.writeNumberField("accepted", accepted);
      g.writeNumberField("rejected", events.size() - accepted);
      g.writeArrayFieldStart("results");
      for (JudgedEvent e : events) {
        g.writeStartObject();
        g.writeNumberField("index", e.index());
        g.writeStringField("status", e.accepted() ? "accepted" : "rejected");
        if (e.eventId() != null) {
          g.writeStringField("event_id", e.eventId());
        }
        if (!e.accepted()) {
          g.writeStringField("reason", e.rejection().reason());
          g.writeStringField("detail", e.rejection().detail());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }));
  }

  /** {@code GET /healthz}: 200 while Kafka is reachable, else 503 with Retry-After. */
  static Reply health(boolean up, long retryAfterSeconds) {
    return new Reply(up ? 200 : 503, up ? Map.of() : Map.of("Retry-After", String.valueOf(retryAfterSeconds)),
        write(g -> {
          g.writeStartObject();
          g.writeStringField("status", up ? "up" : "down");
          g.writeStringField("kafka", up ? "reachable" : "unreachable");
          g.writeEndObject();
        }));
  }

  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = BatchParser.JSON.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
