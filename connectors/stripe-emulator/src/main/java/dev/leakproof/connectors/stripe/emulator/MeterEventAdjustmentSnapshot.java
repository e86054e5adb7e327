package dev.leakproof.connectors.stripe.emulator;

import java.time.Instant;

/**
 * One cancellation of a meter event.
 *
 * @param id the v2 adjustment id ({@code mtr_event_adj_...}), or null for v1 adjustments (which have none)
 * @param status {@code pending} until event summaries reflect it, then {@code complete}
 * @param source {@link EventSource#V1} or {@link EventSource#V2}
 */
public record MeterEventAdjustmentSnapshot(String id, String eventName, String identifier, Instant created, String status,
    EventSource source) {
}
