package dev.leakproof.schemas.events;

import dev.leakproof.core.EventStream;
import dev.leakproof.core.QuarantineReason;
import java.io.Serializable;
import java.time.Instant;

/**
 * The stateless hygiene checks that run after the duplicate check, in the spec's order:
 * {@code invalid_quantity}, {@code invalid_action}, {@code invalid_timestamp},
 * {@code future_timestamp}, {@code unknown_workspace}, {@code unknown_metric}. The correction
 * checks need state and run later.
 */
public final class EventValidator implements Serializable {

  private static final long serialVersionUID = 1L;

  private final ReferenceData reference;

  public EventValidator(ReferenceData reference) {
    this.reference = reference;
  }

  public Checked check(DecodedEvent event) {
    return check(event, reference.asOf());
  }

  /**
   * The checks with another as-of date for {@code future_timestamp}: a streamed event is judged
   * against the UTC date the collector took it, so a replay judges it the same way.
   */
  public Checked check(DecodedEvent event, java.time.LocalDate asOf) {
    if (!event.decoded()) {
      throw new IllegalArgumentException("Cannot check an event that failed decoding: " + event.early());
    }
    boolean usage = event.stream() == EventStream.USAGE;
    if (usage && event.quantityState() != QuantityState.VALID) {
      return Checked.quarantined(QuarantineReason.INVALID_QUANTITY);
    }
    if (!usage && !"added".equals(event.action()) && !"removed".equals(event.action())) {
      return Checked.quarantined(QuarantineReason.INVALID_ACTION);
    }
    Instant occurredAt;
    try {
      if (event.occurredAt() == null) {
        return Checked.quarantined(QuarantineReason.INVALID_TIMESTAMP);
      }
      occurredAt = Timestamps.parse(event.occurredAt());
    } catch (IllegalArgumentException e) {
      return Checked.quarantined(QuarantineReason.INVALID_TIMESTAMP);
    }
    if (Timestamps.utcDate(occurredAt).isAfter(asOf.plusDays(1))) {
      return Checked.quarantined(QuarantineReason.FUTURE_TIMESTAMP);
    }
    if (!reference.workspaces().contains(event.workspaceId())) {
      return Checked.quarantined(QuarantineReason.UNKNOWN_WORKSPACE);
    }
    if (usage && !reference.metrics().contains(event.metric())) {
      return Checked.quarantined(QuarantineReason.UNKNOWN_METRIC);
    }
    return new Checked(null, occurredAt, receivedAt(event.receivedAt()));
  }

  private static Instant receivedAt(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Timestamps.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
