package dev.leakproof.connectors.api;

import java.util.List;
import java.util.Objects;

/**
 * What a writer writes: the destination object, the operation, the field that identifies rows
 * across runs, the fields in the order they are sent, and the journal it reports submitted
 * asynchronous jobs to (so an interrupted run can resume them instead of sending again).
 *
 * @param externalIdField null for operations that do not use one (insert, delete)
 */
public record WriteSpec(String object, SyncRecord.Operation operation, String externalIdField, List<String> fields,
    JobJournal journal) {

  public WriteSpec {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(operation, "operation");
    fields = List.copyOf(fields);
    Objects.requireNonNull(journal, "journal");
    if (operation == SyncRecord.Operation.UPSERT && (externalIdField == null || externalIdField.isBlank())) {
      throw new IllegalArgumentException("Cannot upsert " + object + ": external id field missing");
    }
  }
}
