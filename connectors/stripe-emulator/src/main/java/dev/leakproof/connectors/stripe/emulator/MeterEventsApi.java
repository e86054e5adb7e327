package dev.leakproof.connectors.stripe.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * v1 usage: {@code POST /v1/billing/meter_events} (validated synchronously; a duplicate identifier
 * within 24 hours is a 400 {@code resource_already_exists}) and {@code POST
 * /v1/billing/meter_event_adjustments} (cancel one event received less than 24 hours ago).
 */
final class MeterEventsApi {

  private final State state;

  MeterEventsApi(State state) {
    this.state = state;
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", "/v1/billing/meter_events", Route.Auth.SECRET_KEY, RateLimiter.Bucket.METER_EVENTS, this::create),
        Route.of("POST", "/v1/billing/meter_event_adjustments", Route.Auth.SECRET_KEY, RateLimiter.Bucket.BASIC, this::adjust));
  }

  private Response create(Request r) {
    Params p = r.params();
    String eventName = p.required("event_name");
    Map<String, String> payload = p.stringMap("payload");
    if (payload == null || payload.isEmpty()) {
      throw ApiError.missing("payload");
    }
    Long seconds = p.integer("timestamp");
    String identifier = CustomersApi.blankToNull(p.string("identifier"));
    StoredEvent e;
    try {
      e = state.validator.validate(eventName, identifier, payload, seconds == null ? null : seconds * 1000, EventSource.V1,
          state.clock.nowMillis(), System.nanoTime());
    } catch (EventValidator.Rejected rejected) {
      throw rejected.toApiError();
    }
    if (!state.events.insert(e)) {
      throw duplicate(e.identifier);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("object", "billing.meter_event");
    m.put("created", Times.seconds(e.createdMillis));
    m.put("event_name", e.eventName);
    m.put("identifier", e.identifier);
    m.put("livemode", state.livemode);
    m.put("payload", payload);
    m.put("timestamp", Times.seconds(e.timestampMillis));
    return Response.ok(m);
  }

  static ApiError duplicate(String identifier) {
    return ApiError.invalid("resource_already_exists", "An event already exists with identifier " + identifier + ".", "identifier");
  }

  private Response adjust(Request r) {
    Params p = r.params();
    String eventName = p.required("event_name");
    String type = p.required("type");
    if (!type.equals("cancel")) {
      throw ApiError.invalid("parameter_invalid_string", "Invalid type: " + type + " (only cancel is supported)", "type");
    }
    String identifier = p.nested("cancel").string("identifier");
    if (identifier == null || identifier.isEmpty()) {
      throw ApiError.missing("cancel[identifier]");
    }
    EventStore.Adjustment a = state.events.cancel(eventName, identifier, null, state.clock.nowMillis(), System.nanoTime(), EventSource.V1);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("object", "billing.meter_event_adjustment");
    m.put("cancel", Map.of("identifier", a.identifier()));
    m.put("event_name", a.eventName());
    m.put("livemode", state.livemode);
    m.put("status", "pending");
    m.put("type", "cancel");
    return Response.ok(m);
  }
}
