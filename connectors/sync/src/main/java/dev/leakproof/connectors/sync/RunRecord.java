package dev.leakproof.connectors.sync;

import java.time.Instant;

/** One run of a sync, as the run history keeps it. */
public record RunRecord(String runId, String sync, String mode, Instant startedAt, Instant finishedAt, String status,
    int creates, int updates, int deletes, int unchanged, int confirmed, int rejected, int unprocessed,
    String message) {}
