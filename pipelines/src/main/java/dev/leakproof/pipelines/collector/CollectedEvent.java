package dev.leakproof.pipelines.collector;

import dev.leakproof.core.EventStream;

/**
 * One event to write: its topic's stream, its record key (null for none), its exact bytes as the
 * client sent them, and its 0-based index in the request ({@code lp-index}).
 */
public record CollectedEvent(int index, EventStream stream, String key, byte[] value) {}
