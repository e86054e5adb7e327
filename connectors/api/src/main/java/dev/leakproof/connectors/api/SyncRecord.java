package dev.leakproof.connectors.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row a sync sends: its key in the source model, the operation, and the destination fields
 * with their values (already mapped and typed by the sync engine).
 *
 * @param key the source model's primary key value
 * @param destinationId the record's id in the destination when known (required to delete), or null
 * @param previousState what the destination's writer recorded about the record when it was last
 *     confirmed ({@link WriteResult#state()}), or null: lets a writer send a delta, not the row
 * @param fields destination field name to value; null values are explicit nulls
 */
public record SyncRecord(String key, Operation operation, String destinationId, String previousState,
    Map<String, Object> fields) {

  /** What the destination is asked to do with the row. */
  public enum Operation { INSERT, UPDATE, UPSERT, DELETE }

  public SyncRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(operation, "operation");
    if (key.isBlank()) {
      throw new IllegalArgumentException("Invalid sync record key: blank");
    }
    if (operation == Operation.DELETE && (destinationId == null || destinationId.isBlank())) {
      throw new IllegalArgumentException("Cannot delete " + key + ": destination id missing");
    }
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** A record the destination knows by its fields (external id), not by its own id. */
  public SyncRecord(String key, Operation operation, Map<String, Object> fields) {
    this(key, operation, null, null, fields);
  }

  /** A record with its destination id and no state of the writer's. */
  public SyncRecord(String key, Operation operation, String destinationId, Map<String, Object> fields) {
    this(key, operation, destinationId, null, fields);
  }
}
