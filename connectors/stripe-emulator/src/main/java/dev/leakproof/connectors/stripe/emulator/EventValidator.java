package dev.leakproof.connectors.stripe.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Stripe's meter event rules, shared by v1, v2 and the stream: the event name of an active meter, the
 * meter's customer key naming an existing customer, its value key holding a whole number (optional for
 * count meters), a timestamp within the past 35 days and at most 5 minutes ahead, an identifier of at
 * most 100 characters (generated when absent).
 */
final class EventValidator {

  static final long PAST_LIMIT_MILLIS = Duration.ofDays(35).toMillis();
  static final long FUTURE_LIMIT_MILLIS = Duration.ofMinutes(5).toMillis();
  static final int MAX_IDENTIFIER = 100;

  /** A rule the event breaks; v1/v2 answer it as a 400, the stream records it as a {@link MeterEventError}. */
  static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String code;
    final String param;

    Rejected(String code, String message, String param) {
      super(message, null, false, false);
      this.code = code;
      this.param = param;
    }

    ApiError toApiError() {
      return ApiError.invalid(code, getMessage(), param);
    }
  }

  private final MeterStore meters;
  private final Registry<CustomerSnapshot> customers;

  EventValidator(MeterStore meters, Registry<CustomerSnapshot> customers) {
    this.meters = meters;
    this.customers = customers;
  }

  /**
   * The event to store.
   *
   * @param timestampMillis the event time, or null for now
   * @throws Rejected if a rule is broken
   */
  StoredEvent validate(String eventName, String identifier, Map<String, String> payload, Long timestampMillis,
      EventSource source, long nowMillis, long nowNanos) {
    MeterSnapshot meter = meters.active(eventName);
    if (meter == null) {
      MeterSnapshot inactive = meters.any(eventName);
      throw inactive == null
          ? new Rejected("no_meter", "Invalid event_name: no active meter has event_name '" + eventName + "'", "event_name")
          : new Rejected("archived_meter", "Invalid event_name: meter " + inactive.id() + " with event_name '" + eventName + "' is inactive", "event_name");
    }
    String customerKey = meter.customerPayloadKey();
    String customerId = payload.get(customerKey);
    if (customerId == null || customerId.isEmpty()) {
      throw new Rejected("meter_event_no_customer_defined", "Invalid payload: missing '" + customerKey
          + "', the customer_mapping.event_payload_key of meter " + meter.id(), "payload[" + customerKey + "]");
    }
    CustomerSnapshot customer = customers.get(customerId);
    if (customer == null) {
      throw new Rejected("meter_event_customer_not_found", "Invalid payload[" + customerKey + "]: no such customer '" + customerId + "'",
          "payload[" + customerKey + "]");
    }
    long value = value(meter, payload.get(meter.valuePayloadKey()));
    long ts = timestampMillis == null ? nowMillis : timestampMillis;
    if (ts < nowMillis - PAST_LIMIT_MILLIS) {
      throw new Rejected("timestamp_too_far_in_past", "Invalid timestamp: " + Instant.ofEpochMilli(ts)
          + " is more than 35 calendar days in the past (earliest accepted now: " + Instant.ofEpochMilli(nowMillis - PAST_LIMIT_MILLIS) + ")", "timestamp");
    }
    if (ts > nowMillis + FUTURE_LIMIT_MILLIS) {
      throw new Rejected("timestamp_in_future", "Invalid timestamp: " + Instant.ofEpochMilli(ts)
          + " is more than 5 minutes in the future (latest accepted now: " + Instant.ofEpochMilli(nowMillis + FUTURE_LIMIT_MILLIS) + ")", "timestamp");
    }
    String id = identifier == null ? generatedIdentifier() : identifier;
    if (id.isEmpty() || id.length() > MAX_IDENTIFIER) {
      throw new Rejected("parameter_invalid_string", "Invalid identifier: '" + id + "' (1 to " + MAX_IDENTIFIER + " characters)", "identifier");
    }
    return new StoredEvent(id, meter.eventName(), meter.id(), customer.id(), value, ts, nowMillis, nowNanos, source);
  }

  private static long value(MeterSnapshot meter, String raw) {
    String param = "payload[" + meter.valuePayloadKey() + "]";
    if (raw == null || raw.isEmpty()) {
      if (meter.aggregation() == Aggregation.COUNT) {
        return 1;
      }
      throw new Rejected("meter_event_invalid_value", "Invalid payload: missing '" + meter.valuePayloadKey()
          + "', the value_settings.event_payload_key of meter " + meter.id(), param);
    }
    int start = raw.charAt(0) == '-' ? 1 : 0;
    boolean digits = raw.length() > start && raw.length() - start <= 18;
    for (int i = start; i < raw.length() && digits; i++) {
      digits = raw.charAt(i) >= '0' && raw.charAt(i) <= '9';
    }
    if (!digits) {
      throw new Rejected("meter_event_invalid_value", "Invalid " + param + ": '" + raw + "' is not a whole number", param);
    }
    return Long.parseLong(raw);
  }

  private static String generatedIdentifier() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return new UUID(r.nextLong(), r.nextLong()).toString();
  }
}
