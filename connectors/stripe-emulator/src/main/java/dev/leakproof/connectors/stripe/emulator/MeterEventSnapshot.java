package dev.leakproof.connectors.stripe.emulator;

import java.time.Instant;

/**
 * One stored meter event.
 *
 * @param timestamp the event's own time (the one summaries group by)
 * @param created when the emulator received it (emulator clock)
 * @param cancelledAt when an adjustment cancelled it, or null
 */
public record MeterEventSnapshot(String identifier, String eventName, String meterId, String customerId, long value,
    Instant timestamp, Instant created, Instant cancelledAt, EventSource source) {

  public boolean cancelled() {
    return cancelledAt != null;
  }
}
