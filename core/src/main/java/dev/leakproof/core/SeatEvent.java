package dev.leakproof.core;

import java.time.Instant;
import java.util.Objects;

/** An accepted seat change: a user of a workspace added or removed at an instant. */
public record SeatEvent(String eventId, String workspaceId, String userId, SeatAction action, Instant occurredAt) {

  public SeatEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(workspaceId, "workspaceId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }
}
