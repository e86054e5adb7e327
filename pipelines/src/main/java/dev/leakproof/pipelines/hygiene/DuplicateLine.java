package dev.leakproof.pipelines.hygiene;

import dev.leakproof.core.EventStream;

/**
 * An exact re-send of an event already seen: dropped from the events, but recorded (and counted)
 * with the line it repeats.
 *
 * @param firstSeq arrival sequence of the first line with this event id
 */
public record DuplicateLine(EventStream stream, String sourceFile, long lineNo, long seq, String eventId, long firstSeq) {}
