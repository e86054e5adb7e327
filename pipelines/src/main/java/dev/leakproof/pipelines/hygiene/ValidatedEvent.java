package dev.leakproof.pipelines.hygiene;

import dev.leakproof.schemas.events.DecodedEvent;
import java.time.Instant;

/**
 * An event that passed the duplicate check and the stateless checks, with its instants in UTC.
 * A usage correction still has to pass the correction checks.
 *
 * @param receivedAt null when absent or unparseable
 */
public record ValidatedEvent(DecodedEvent event, Instant occurredAt, Instant receivedAt) {}
