package dev.leakproof.connectors.stripe.emulator;

import java.time.Instant;

/**
 * A stream event dropped during asynchronous processing, as Stripe would report it in a
 * {@code v1.billing.meter.error_report_triggered} event.
 *
 * @param code one of {@code no_meter}, {@code archived_meter}, {@code meter_event_no_customer_defined},
 *     {@code meter_event_customer_not_found}, {@code meter_event_invalid_value},
 *     {@code timestamp_too_far_in_past}, {@code timestamp_in_future}
 * @param identifier the event's identifier, or null if it had none
 */
public record MeterEventError(String code, String message, String eventName, String identifier, Instant receivedAt,
    EventSource source) {
}
