package dev.leakproof.connectors.salesforce.emulator;

import java.time.Instant;
import java.util.Objects;

/**
 * What a test sees of one ingest job at a moment: the state a client would see, and its counts.
 *
 * @param externalIdFieldName the upsert key, or null for other operations
 * @param errorMessage why the job failed, or null
 */
public record JobSnapshot(
    String id,
    String object,
    BulkOperation operation,
    String externalIdFieldName,
    JobState state,
    int numberRecordsProcessed,
    int numberRecordsFailed,
    String errorMessage,
    String apiVersion,
    Instant createdDate) {

  public JobSnapshot {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(state, "state");
    if (numberRecordsFailed < 0 || numberRecordsFailed > numberRecordsProcessed) {
      throw new IllegalArgumentException(
          "Invalid job counts: " + numberRecordsFailed + " failed of " + numberRecordsProcessed + " processed (job " + id + ")");
    }
  }
}
