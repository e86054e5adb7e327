package dev.leakproof.pipelines.collector;

import com.sun.net.httpserver.HttpExchange;
import dev.leakproof.core.EventStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /v1/events}: authenticates the key, applies the source's rate limit, reads the body
 * (never more than {@code collector.max-request-bytes} + 1 bytes), splits and judges the events,
 * writes all but the too-large ones through the sink and answers 202 with a result per event once
 * they are committed. Refusals: 401, 405, 413, 415, 400, 429, 503 (with Retry-After).
 */
final class EventsEndpoint {

  static final String PATH = "/v1/events";

  private final CollectorConfig config;
  private final ApiKeys keys;
  private final RateLimiter limiter;
  private final BatchParser parser;
  private final EventJudge judge;
  private final EventSink sink;
  private final CollectorMetrics metrics;

  EventsEndpoint(CollectorConfig config, ApiKeys keys, EventJudge judge, EventSink sink, CollectorMetrics metrics) {
    this.config = config;
    this.keys = keys;
    this.limiter = new RateLimiter(config.ratePerSecond(), config.rateBurst());
    this.parser = new BatchParser(config.maxEvents());
    this.judge = judge;
    this.sink = sink;
    this.metrics = metrics;
  }

  Reply handle(HttpExchange ex, String requestId) throws IOException {
    if (!ex.getRequestMethod().equals("POST")) {
      return Reply.error(405, "Method " + ex.getRequestMethod() + " is not allowed on " + PATH + " (use POST)",
          requestId, Map.of("Allow", "POST"));
    }
    Optional<String> source = keys.authenticate(presentedKey(ex));
    if (source.isEmpty()) {
      return Reply.error(401, "Missing or unknown API key (send Authorization: Bearer <key>)", requestId,
          Map.of("WWW-Authenticate", "Bearer"));
    }
    Optional<BodyFormat> format = BodyFormat.of(ex.getRequestHeaders().getFirst("Content-Type"));
    String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
    if (format.isEmpty() || encoding != null && !encoding.equalsIgnoreCase("identity")) {
      return Reply.error(415, "Unsupported media type: " + ex.getRequestHeaders().getFirst("Content-Type")
          + (encoding == null ? "" : " with Content-Encoding " + encoding) + " (use application/json,"
          + " application/x-ndjson, application/cloudevents-batch+json or application/cloudevents+json, UTF-8,"
          + " uncompressed)", requestId, Map.of());
    }
    long wait = limiter.acquire(source.get());
    if (wait > 0) {
      return Reply.error(429, "Too many requests from source " + source.get() + " (collector.rate-limit)",
          requestId, Map.of("Retry-After", String.valueOf(wait)));
    }
    if (!sink.available()) {
      return unavailable("Kafka is unreachable", requestId);
    }
    try {
      EventStream stream = stream(ex.getRequestURI().getRawQuery());
      byte[] body = readBody(ex);
      List<RawEvent> raw = parser.parse(format.get(), body, body.length);
      List<JudgedEvent> judged = judge.judge(raw, body, stream, source.get());
      return write(requestId, source.get(), judged);
    } catch (RequestException e) {
      return Reply.error(e.status(), e.getMessage(), requestId,
          e.status() == 413 ? Map.of("Connection", "close") : Map.of());
    }
  }

  private Reply write(String requestId, String source, List<JudgedEvent> judged) {
    List<CollectedEvent> events = new ArrayList<>(judged.size());
    for (JudgedEvent e : judged) {
      if (e.written()) {
        events.add(new CollectedEvent(e.index(), e.stream(), e.key(), e.value()));
      }
    }
    if (!events.isEmpty()) {
      long waitMillis = config.brokerTimeout().multipliedBy(3).plus(config.linger()).toMillis() + 1000;
      try {
        sink.write(new CollectedRequest(requestId, source, events)).get(waitMillis, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        return unavailable(e.getCause().getMessage(), requestId);
      } catch (TimeoutException e) {
        return unavailable("Kafka did not confirm the commit within " + waitMillis + " ms", requestId);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return unavailable("the collector is stopping", requestId);
      }
    }
    metrics.answered(judged);
    return Reply.accepted(requestId, judged);
  }

  private Reply unavailable(String why, String requestId) {
    return Reply.error(503, "Cannot accept events now: " + why + "; nothing of this request was acknowledged,"
        + " retry later", requestId, Map.of("Retry-After", String.valueOf(config.retryAfter().toSeconds())));
  }

  private static String presentedKey(HttpExchange ex) {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return auth.substring(7).strip();
    }
    String apiKey = ex.getRequestHeaders().getFirst("X-Api-Key");
    return apiKey == null ? null : apiKey.strip();
  }

  static EventStream stream(String rawQuery) throws RequestException {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (name.equals("stream")) {
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        return switch (value.toLowerCase(Locale.ROOT)) {
          case "usage" -> EventStream.USAGE;
          case "seats" -> EventStream.SEATS;
          default -> throw new RequestException(400, "Invalid stream: '" + EventFields.clip(value)
              + "' (usage or seats)");
        };
      }
    }
    return null;
  }

  /** The body, refused with 413 as soon as it is known to exceed the limit (Content-Length first). */
  private byte[] readBody(HttpExchange ex) throws IOException, RequestException {
    int max = config.maxRequestBytes();
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > max) {
          throw tooLarge(max);
        }
      } catch (NumberFormatException e) {
        throw new RequestException(400, "Invalid Content-Length: " + EventFields.clip(length));
      }
    }
    InputStream in = ex.getRequestBody();
    byte[] body = in.readNBytes(max + 1);
    if (body.length > max) {
      throw tooLarge(max);
    }
    return body;
  }

  /** How many times the body limit a refused body is still read (and discarded) after the 413. */
  static final int LINGER_FACTOR = 4;

  /**
   * After a 413 has been sent: reads and discards the rest of the body, up to {@value #LINGER_FACTOR}
   * times the limit, before the connection closes (a lingering close, as nginx does), so a client
   * that sends the whole body before reading the answer (most HTTP clients) reads the 413 instead
   * of a reset connection. A larger body is cut off.
   */
  void linger(HttpExchange ex) {
    byte[] buffer = new byte[64 * 1024];
    long left = (long) config.maxRequestBytes() * LINGER_FACTOR;
    try {
      InputStream in = ex.getRequestBody();
      int n;
      while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
        left -= n;
      }
    } catch (IOException e) {
      // the client gave up: nothing to linger for
    }
  }

  private static RequestException tooLarge(int max) {
    return new RequestException(413, "Request body too large: more than " + max
        + " bytes (collector.max-request-bytes); split the batch");
  }
}
