package dev.leakproof.connectors.stripe.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/billing/meters/{id}/event_summaries}: the meter's aggregation over one customer's
 * non-cancelled events in {@code [start_time, end_time)}, as one summary or one per {@code day} /
 * {@code hour}, newest first, windows without events omitted. Events and cancellations count only
 * once {@link EmulatorConfig#summaryDelay()} has passed since they were received.
 */
final class SummariesApi {

  private static final long MINUTE = 60;
  private static final long HOUR = 3600;
  private static final long DAY = 86_400;

  private final State state;

  SummariesApi(State state) {
    this.state = state;
  }

  List<Route> routes() {
    return List.of(Route.of("GET", MetersApi.PATH + "/{id}/event_summaries", Route.Auth.SECRET_KEY, RateLimiter.Bucket.BASIC, this::list));
  }

  private Response list(Request r) {
    MeterSnapshot meter = state.meters.registry().require(r.pathId(), "id");
    Params p = r.params();
    String customer = p.required("customer");
    long start = p.requiredInteger("start_time");
    long end = p.requiredInteger("end_time");
    String window = p.string("value_grouping_window");
    long size = window == null ? end - start : switch (window) {
      case "day" -> DAY;
      case "hour" -> HOUR;
      default -> throw ApiError.invalid("parameter_invalid_string", "Invalid value_grouping_window: " + window + " (day or hour)",
          "value_grouping_window");
    };
    if (end <= start) {
      throw ApiError.invalid(null, "Invalid end_time: " + end + " must be after start_time " + start, "end_time");
    }
    long unit = window == null ? MINUTE : size;
    String boundary = window == null ? "minute" : window.equals("day") ? "UTC day" : "hour";
    aligned("start_time", start, unit, boundary);
    aligned("end_time", end, unit, boundary);
    if ((end - start) / size > 100_000) {
      throw ApiError.invalid(null, "Invalid time range: " + start + " to " + end + " spans more than 100,000 " + window + " windows", "end_time");
    }
    if (state.customers.get(customer) == null) {
      throw ApiError.invalid("resource_missing", "No such customer: '" + customer + "'", "customer");
    }
    List<Map<String, Object>> summaries = summaries(meter, customer, start, end, size);
    String url = MetersApi.PATH + "/" + meter.id() + "/event_summaries";
    return Response.ok(ListPage.of(summaries, s -> (String) s.get("id"), s -> s, p, url, "billing.meter_event_summary"));
  }

  private List<Map<String, Object>> summaries(MeterSnapshot meter, String customer, long start, long end, long size) {
    int n = (int) ((end - start) / size);
    long[] values = new long[n];
    long[] counts = new long[n];
    long[] lastTs = new long[n];
    long now = System.nanoTime();
    for (StoredEvent e : state.events.series(meter.id(), customer, start * 1000, end * 1000)) {
      if (!e.visible(now, state.summaryDelayNanos)) {
        continue;
      }
      int w = (int) ((e.timestampMillis / 1000 - start) / size);
      counts[w]++;
      switch (meter.aggregation()) {
        case SUM -> values[w] += e.value;
        case COUNT -> values[w] = counts[w];
        case LAST -> {
          if (counts[w] == 1 || e.timestampMillis >= lastTs[w]) {
            values[w] = e.value;
            lastTs[w] = e.timestampMillis;
          }
        }
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (int w = n - 1; w >= 0; w--) {
      if (counts[w] > 0) {
        out.add(json(meter, customer, start + w * size, start + (w + 1) * size, values[w]));
      }
    }
    return out;
  }

  private Map<String, Object> json(MeterSnapshot meter, String customer, long start, long end, long value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", Ids.stable("mtrusg_" + Ids.mode(state.livemode), meter.id(), customer, Long.toString(start), Long.toString(end)));
    m.put("object", "billing.meter_event_summary");
    m.put("aggregated_value", value);
    m.put("end_time", end);
    m.put("livemode", state.livemode);
    m.put("meter", meter.id());
    m.put("start_time", start);
    return m;
  }

  private static void aligned(String param, long value, long unit, String boundary) {
    if (Math.floorMod(value, unit) != 0) {
      throw ApiError.invalid(null, "Invalid " + param + ": " + value + " (" + Instant.ofEpochSecond(value)
          + ") is not aligned with " + boundary + " boundaries", param);
    }
  }
}
