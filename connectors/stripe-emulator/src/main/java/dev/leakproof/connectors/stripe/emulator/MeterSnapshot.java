package dev.leakproof.connectors.stripe.emulator;

import java.time.Instant;

/**
 * A billing meter as the emulator holds it.
 *
 * @param customerPayloadKey {@code customer_mapping.event_payload_key} (default {@code stripe_customer_id})
 * @param valuePayloadKey {@code value_settings.event_payload_key} (default {@code value})
 * @param eventTimeWindow {@code day}, {@code hour} or null
 * @param status {@code active} or {@code inactive}
 * @param deactivatedAt when it was last deactivated, or null
 */
public record MeterSnapshot(String id, String eventName, String displayName, Aggregation aggregation,
    String customerPayloadKey, String valuePayloadKey, String eventTimeWindow, String status,
    Instant created, Instant updated, Instant deactivatedAt) {

  public boolean active() {
    return "active".equals(status);
  }

  MeterSnapshot withStatus(String newStatus, Instant now) {
    return new MeterSnapshot(id, eventName, displayName, aggregation, customerPayloadKey, valuePayloadKey, eventTimeWindow,
        newStatus, created, now, "inactive".equals(newStatus) ? now : deactivatedAt);
  }

  MeterSnapshot withDisplayName(String name, Instant now) {
    return new MeterSnapshot(id, eventName, name, aggregation, customerPayloadKey, valuePayloadKey, eventTimeWindow,
        status, created, now, deactivatedAt);
  }
}
