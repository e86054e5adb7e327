package dev.leakproof.pipelines.hygiene;

import dev.leakproof.schemas.events.EventLine;

/**
 * A line with the stateless half of its hygiene done where it was read: its decoded event with
 * the verdict of the reference checks, or, when it could not be decoded, its quarantine row.
 * Passed on chained, never serialized.
 *
 * @param event null when the line could not be decoded
 * @param early the quarantined line when {@code event} is null
 */
public record CheckedLine(EventLine line, EventRecord event, QuarantinedLine early) {}
