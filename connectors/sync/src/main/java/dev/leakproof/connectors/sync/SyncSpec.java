package dev.leakproof.connectors.sync;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A sync as declared in {@code syncs/<name>.yml}: which model rows go to which destination object,
 * keyed how, with which field mappings, in which mode, within which guardrails.
 *
 * @param model the source model (a relation in the warehouse's model schema)
 * @param primaryKey the model column that identifies a row
 * @param destination the destination's type ({@code salesforce}, {@code stripe})
 * @param externalIdField the destination field the key is written to: upserts and updates match
 *     records by it, and every mode reads results back by it
 * @param mappings model column to destination field, in the order fields are sent
 * @param createOnly destination fields sent when a record is created and never updated (an
 *     Opportunity's stage, which its owner moves on); changes to them do not make a row changed
 * @param batchSize records per destination batch
 */
public record SyncSpec(
    String name,
    String description,
    String model,
    String primaryKey,
    String destination,
    String object,
    String externalIdField,
    SyncMode mode,
    Map<String, String> mappings,
    java.util.List<String> createOnly,
    Guardrails guardrails,
    int batchSize) {

  public SyncSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(primaryKey, "primaryKey");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(guardrails, "guardrails");
    mappings = Collections.unmodifiableMap(new LinkedHashMap<>(mappings));
    createOnly = java.util.List.copyOf(createOnly);
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("Invalid sync name: " + name + " (lower case, digits, _)");
    }
    if (mappings.isEmpty()) {
      throw new IllegalArgumentException("Invalid sync " + name + ": no mappings");
    }
    if (externalIdField == null) {
      throw new IllegalArgumentException("Cannot " + mode.code() + " " + object + ": external id field missing (sync "
          + name + ")");
    }
    if (externalIdField != null && !primaryKey.equals(sourceOf(mappings, externalIdField))) {
      throw new IllegalArgumentException("Invalid sync " + name + ": the external id field " + externalIdField
          + " must be mapped from the primary key " + primaryKey);
    }
    for (String field : createOnly) {
      if (!mappings.containsValue(field)) {
        throw new IllegalArgumentException("Invalid sync " + name + ": create_only field " + field + " is not mapped");
      }
      if (field.equals(externalIdField)) {
        throw new IllegalArgumentException("Invalid sync " + name + ": the external id field " + field
            + " cannot be create_only");
      }
    }
    if (batchSize < 1 || batchSize > 1_000_000) {
      throw new IllegalArgumentException("Invalid batch_size: " + batchSize + " (sync " + name + "; 1..1000000)");
    }
  }

  /** The fields an update sends: every mapped field but the create-only ones. */
  public java.util.List<String> updateFields() {
    return mappings.values().stream().filter(f -> !createOnly.contains(f)).toList();
  }

  private static String sourceOf(Map<String, String> mappings, String field) {
    return mappings.entrySet().stream().filter(e -> e.getValue().equals(field)).map(Map.Entry::getKey)
        .findFirst().orElse(null);
  }
}
