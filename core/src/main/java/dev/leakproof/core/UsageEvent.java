package dev.leakproof.core;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * An accepted product usage event. A correction ({@code correctsEventId} set) replaces the
 * quantity of the original event it names and adds none of its own.
 *
 * @param receivedAt null when the producer did not stamp it
 * @param correctsEventId null for an original event
 */
public record UsageEvent(
    String eventId,
    String workspaceId,
    String metric,
    BigDecimal quantity,
    Instant occurredAt,
    Instant receivedAt,
    String correctsEventId) {

  public UsageEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(workspaceId, "workspaceId");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (quantity.signum() < 0) {
      throw new IllegalArgumentException("Invalid quantity: " + quantity.toPlainString() + " (event " + eventId + ")");
    }
  }

  /** True when this event corrects an earlier one. */
  public boolean isCorrection() {
    return correctsEventId != null;
  }
}
