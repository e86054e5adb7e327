package dev.leakproof.pipelines.hygiene;

/**
 * Keyed state of the duplicate check: the content fingerprint of the first line of an event id
 * that got past {@code missing_field}, and where it arrived.
 */
public record SeenEvent(long contentHi, long contentLo, long firstSeq) {}
