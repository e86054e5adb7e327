package dev.leakproof.connectors.stripe.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The v2 billing endpoints other than the stream: {@code POST /v2/billing/meter_event_session}
 * (a 15-minute stream token), {@code POST /v2/billing/meter_events} (one event, validated
 * synchronously like v1) and {@code POST /v2/billing/meter_event_adjustments} (cancel one event).
 */
final class V2BillingApi {

  private final State state;

  V2BillingApi(State state) {
    this.state = state;
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", "/v2/billing/meter_event_session", Route.Auth.SECRET_KEY, RateLimiter.Bucket.BASIC, this::session),
        Route.of("POST", "/v2/billing/meter_events", Route.Auth.SECRET_KEY, RateLimiter.Bucket.METER_EVENTS, this::event),
        Route.of("POST", "/v2/billing/meter_event_adjustments", Route.Auth.SECRET_KEY, RateLimiter.Bucket.BASIC, this::adjust));
  }

  private Response session(Request r) {
    SessionStore.Session s = state.sessions.create();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("object", "v2.billing.meter_event_session");
    m.put("authentication_token", s.token());
    m.put("created", Times.rfc3339(s.created()));
    m.put("expires_at", Times.rfc3339(s.expiresAt()));
    m.put("livemode", state.livemode);
    return Response.ok(m);
  }

  private Response event(Request r) {
    JsonNode b = r.json();
    String eventName = V2Json.requiredString(b, "event_name", "");
    Map<String, String> payload = V2Json.stringMap(b, "payload", "");
    String identifier = V2Json.optionalString(b, "identifier", "");
    Long timestamp = V2Json.optionalTimestamp(b, "timestamp", "");
    StoredEvent e;
    try {
      e = state.validator.validate(eventName, identifier, payload, timestamp, EventSource.V2, state.clock.nowMillis(), System.nanoTime());
    } catch (EventValidator.Rejected rejected) {
      throw rejected.toApiError();
    }
    if (!state.events.insert(e)) {
      throw MeterEventsApi.duplicate(e.identifier);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("object", "v2.billing.meter_event");
    m.put("created", Times.rfc3339(e.createdMillis));
    m.put("event_name", e.eventName);
    m.put("identifier", e.identifier);
    m.put("livemode", state.livemode);
    m.put("payload", payload);
    m.put("timestamp", Times.rfc3339(e.timestampMillis));
    return Response.ok(m);
  }

  private Response adjust(Request r) {
    JsonNode b = r.json();
    String eventName = V2Json.requiredString(b, "event_name", "");
    String type = V2Json.requiredString(b, "type", "");
    if (!type.equals("cancel")) {
      throw ApiError.invalid("parameter_invalid_string", "Invalid type: " + type + " (only cancel is supported)", "type");
    }
    String identifier = V2Json.requiredString(V2Json.object(b, "cancel", ""), "identifier", "cancel.");
    String id = Ids.random("mtr_event_adj_", 24);
    EventStore.Adjustment a = state.events.cancel(eventName, identifier, id, state.clock.nowMillis(), System.nanoTime(), EventSource.V2);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("object", "v2.billing.meter_event_adjustment");
    m.put("cancel", Map.of("identifier", a.identifier()));
    m.put("created", Times.rfc3339(a.createdMillis()));
    m.put("event_name", a.eventName());
    m.put("livemode", state.livemode);
    m.put("status", "pending");
    m.put("type", "cancel");
    return Response.ok(m);
  }
}
