package dev.leakproof.schemas.events;

import dev.leakproof.core.QuarantineReason;
import java.time.Instant;

/**
 * The outcome of the stateless checks on a decoded event: the reason it is quarantined, or its
 * instants in UTC.
 *
 * @param receivedAt null when absent or not a valid timestamp (it is informational only)
 */
public record Checked(QuarantineReason reason, Instant occurredAt, Instant receivedAt) {

  static Checked quarantined(QuarantineReason reason) {
    return new Checked(reason, null, null);
  }

  public boolean passed() {
    return reason == null;
  }
}
