package dev.leakproof.connectors.stripe.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code POST /v2/billing/meter_event_stream}, authenticated with a session token: 1 to 100 events per
 * request, answered 202 {@code {}} once the request's shape is valid. Events are then processed as
 * Stripe does asynchronously (here before the answer is sent): valid ones are stored, identifier
 * duplicates silently dropped, invalid ones dropped and recorded as {@link MeterEventError}s.
 */
final class StreamApi {

  static final String PATH = "/v2/billing/meter_event_stream";
  static final int MAX_EVENTS = 100;

  private final State state;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong invalid = new AtomicLong();
  private final AtomicReference<Instant> first = new AtomicReference<>();
  private final AtomicReference<Instant> last = new AtomicReference<>();

  StreamApi(State state) {
    this.state = state;
  }

  List<Route> routes() {
    return List.of(Route.of("POST", PATH, Route.Auth.SESSION_TOKEN, RateLimiter.Bucket.STREAM, this::stream));
  }

  /**
   * The number of events in a stream request: what it costs against the stream rate limit.
   *
   * @throws ApiError 400 if the body has no {@code events} array of 1 to 100 objects
   */
  static int eventCount(Request r) {
    JsonNode list = r.json().get("events");
    if (list == null || list.isNull()) {
      throw ApiError.missing("events");
    }
    if (!list.isArray() || list.isEmpty() || list.size() > MAX_EVENTS) {
      throw ApiError.invalid(null, "Invalid events: " + (list.isArray() ? list.size() + " events" : "not an array")
          + " (a stream request carries 1 to " + MAX_EVENTS + " events)", "events");
    }
    return list.size();
  }

  private Response stream(Request r) {
    JsonNode list = r.json().get("events");
    int n = list.size();
    String[] names = new String[n];
    String[] identifiers = new String[n];
    Long[] timestamps = new Long[n];
    @SuppressWarnings("unchecked")
    Map<String, String>[] payloads = new Map[n];
    for (int i = 0; i < n; i++) {
      JsonNode e = list.get(i);
      String path = "events[" + i + "].";
      if (!e.isObject()) {
        throw ApiError.invalid("parameter_invalid_object", "Invalid events[" + i + "]: expected an object", "events[" + i + "]");
      }
      names[i] = V2Json.requiredString(e, "event_name", path);
      payloads[i] = V2Json.stringMap(e, "payload", path);
      identifiers[i] = V2Json.optionalString(e, "identifier", path);
      timestamps[i] = V2Json.optionalTimestamp(e, "timestamp", path);
    }
    long nowMillis = state.clock.nowMillis();
    long nowNanos = System.nanoTime();
    for (int i = 0; i < n; i++) {
      try {
        StoredEvent e = state.validator.validate(names[i], identifiers[i], payloads[i], timestamps[i], EventSource.V2_STREAM, nowMillis, nowNanos);
        (state.events.insert(e) ? stored : duplicates).incrementAndGet();
      } catch (EventValidator.Rejected rejected) {
        invalid.incrementAndGet();
        state.events.error(new MeterEventError(rejected.code, rejected.getMessage(), names[i], identifiers[i],
            Instant.ofEpochMilli(nowMillis), EventSource.V2_STREAM));
      }
    }
    Instant now = Instant.now();
    first.compareAndSet(null, now);
    last.set(now);
    requests.incrementAndGet();
    events.addAndGet(n);
    return Response.accepted(Map.of());
  }

  StreamStats stats() {
    return new StreamStats(requests.get(), events.get(), stored.get(), duplicates.get(), invalid.get(), first.get(), last.get());
  }

  void reset() {
    requests.set(0);
    events.set(0);
    stored.set(0);
    duplicates.set(0);
    invalid.set(0);
    first.set(null);
    last.set(null);
  }
}
