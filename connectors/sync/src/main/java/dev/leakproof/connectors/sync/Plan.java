package dev.leakproof.connectors.sync;

import dev.leakproof.connectors.api.SyncRecord;
import java.util.List;
import java.util.Map;

/**
 * What a run will send: records to create, update and delete with their changed fields, and how
 * many rows are unchanged. Computed from the model and the ledger, stored before anything is sent.
 */
public record Plan(String sync, List<Change> changes, int unchanged, int sourceRows) {

  /**
   * One record to send.
   *
   * @param retryOf why the record is sent again (the last outcome: {@code REJECTED DUPLICATE_VALUE}),
   *     or null when it is sent for the first time with these fields
   */
  public record Change(String key, SyncRecord.Operation operation, Kind kind, Map<String, String> fields,
      List<String> changedFields, SourceRow row, String destinationId, String retryOf) {

    public Change {
      fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
      changedFields = List.copyOf(changedFields);
    }
  }

  /** What a record's change is: new to the destination, changed there, or removed. */
  public enum Kind { CREATE, UPDATE, DELETE }

  public Plan {
    changes = List.copyOf(changes);
  }

  public long count(Kind kind) {
    return changes.stream().filter(c -> c.kind() == kind).count();
  }

  /** Records sent again after a rejected, unprocessed or interrupted send. */
  public long retries() {
    return changes.stream().filter(c -> c.retryOf() != null).count();
  }
}
