package dev.leakproof.pipelines.hygiene;

/**
 * Keyed state of the correction check: what a correction of an accepted original must match,
 * and where the original arrived (a correction that arrived earlier is an orphan).
 */
public record OriginalRef(String workspaceId, String metric, long seq) {}
