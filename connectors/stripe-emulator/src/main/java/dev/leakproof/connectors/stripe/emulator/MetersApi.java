package dev.leakproof.connectors.stripe.emulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Billing meters: create, retrieve, list (with {@code status}), update {@code display_name},
 * deactivate and reactivate; shaped like Stripe's {@code billing.meter}.
 */
final class MetersApi {

  static final String PATH = "/v1/billing/meters";

  private final State state;

  MetersApi(State state) {
    this.state = state;
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", PATH, Route.Auth.SECRET_KEY, RateLimiter.Bucket.BASIC, this::create),
        Route.of("GET", PATH + "/{id}", Route.Auth.SECRET_KEY, RateLimiter.Bucket.BASIC, r -> Response.ok(json(require(r)))),
        Route.of("POST", PATH + "/{id}", Route.Auth.SECRET_KEY, RateLimiter.Bucket.BASIC, this::update),
        Route.of("POST", PATH + "/{id}/deactivate", Route.Auth.SECRET_KEY, RateLimiter.Bucket.BASIC, r -> status(r, "inactive")),
        Route.of("POST", PATH + "/{id}/reactivate", Route.Auth.SECRET_KEY, RateLimiter.Bucket.BASIC, r -> status(r, "active")),
        Route.of("GET", PATH, Route.Auth.SECRET_KEY, RateLimiter.Bucket.BASIC, this::list));
  }

  private Response create(Request r) {
    Params p = r.params();
    String displayName = p.required("display_name");
    String eventName = p.required("event_name");
    if (eventName.length() > 100) {
      throw ApiError.invalid("parameter_invalid_string", "Invalid event_name: '" + eventName + "' (at most 100 characters)", "event_name");
    }
    String formula = p.nested("default_aggregation").string("formula");
    if (formula == null) {
      throw ApiError.missing("default_aggregation[formula]");
    }
    Aggregation aggregation;
    try {
      aggregation = Aggregation.of(formula);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid("parameter_invalid_string", e.getMessage(), "default_aggregation[formula]");
    }
    Params mapping = p.nested("customer_mapping");
    String type = mapping.string("type");
    if (type != null && !type.equals("by_id")) {
      throw ApiError.invalid("parameter_invalid_string", "Invalid customer_mapping[type]: " + type + " (by_id)", "customer_mapping[type]");
    }
    String window = p.string("event_time_window");
    if (window != null && !window.equals("day") && !window.equals("hour")) {
      throw ApiError.invalid("parameter_invalid_string", "Invalid event_time_window: " + window + " (day or hour)", "event_time_window");
    }
    return Response.ok(json(add(eventName, displayName, aggregation, orDefault(mapping.string("event_payload_key"), "stripe_customer_id"),
        orDefault(p.nested("value_settings").string("event_payload_key"), "value"), window)));
  }

  MeterSnapshot add(String eventName, String displayName, Aggregation aggregation, String customerKey, String valueKey, String window) {
    String id = Ids.random("mtr_" + Ids.mode(state.livemode), 32);
    MeterSnapshot meter = MeterStore.newMeter(id, eventName, displayName, aggregation, customerKey, valueKey, window, state.clock.now());
    state.meters.add(meter);
    return meter;
  }

  private synchronized Response update(Request r) {
    MeterSnapshot meter = require(r);
    String name = r.params().string("display_name");
    return Response.ok(json(name == null || name.isEmpty() ? meter : state.meters.update(meter.withDisplayName(name, state.clock.now()))));
  }

  private synchronized Response status(Request r, String status) {
    MeterSnapshot meter = require(r);
    if (meter.status().equals(status)) {
      throw ApiError.invalid(null, "Cannot " + (status.equals("active") ? "reactivate" : "deactivate") + " meter " + meter.id()
          + ": it is already " + status, null);
    }
    return Response.ok(json(state.meters.update(meter.withStatus(status, state.clock.now()))));
  }

  private Response list(Request r) {
    Params p = r.params();
    String status = p.string("status");
    List<MeterSnapshot> items = state.meters.registry().newestFirst(m -> status == null || m.status().equals(status));
    return Response.ok(ListPage.of(items, MeterSnapshot::id, this::json, p, PATH, "billing.meter"));
  }

  MeterSnapshot require(Request r) {
    return state.meters.registry().require(r.pathId(), "id");
  }

  Map<String, Object> json(MeterSnapshot m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", m.id());
    out.put("object", "billing.meter");
    out.put("created", Times.seconds(m.created()));
    out.put("customer_mapping", Map.of("event_payload_key", m.customerPayloadKey(), "type", "by_id"));
    out.put("default_aggregation", Map.of("formula", m.aggregation().apiName()));
    out.put("display_name", m.displayName());
    out.put("event_name", m.eventName());
    out.put("event_time_window", m.eventTimeWindow());
    out.put("livemode", state.livemode);
    out.put("status", m.status());
    Map<String, Object> transitions = new LinkedHashMap<>();
    Instant deactivated = m.deactivatedAt();
    transitions.put("deactivated_at", deactivated == null ? null : Times.seconds(deactivated));
    out.put("status_transitions", transitions);
    out.put("updated", Times.seconds(m.updated()));
    out.put("value_settings", Map.of("event_payload_key", m.valuePayloadKey()));
    return out;
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
