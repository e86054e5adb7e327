package dev.leakproof.connectors.salesforce.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates one CSV row of a job against field metadata and writes it to the store: insert, update by
 * {@code Id}, upsert by external id (update if one record matches, else create) or delete. Empty
 * values are left unset (ignored on update) and {@code #N/A} sets a field to null, as Salesforce
 * documents. Each row is applied atomically.
 */
final class RowApplier {

  /** The written record and whether it was created. */
  record Outcome(String id, boolean created) {
  }

  static final String NULL_TOKEN = "#N/A";

  private final RecordStore store;
  private final SObjectType object;
  private final BulkOperation op;
  private final FieldDef keyField;
  private final ColumnPlan plan;
  private final Set<String> duplicateKeys;
  private final RowChecks checks;

  RowApplier(RecordStore store, Schema schema, SObjectType object, BulkOperation op, String externalIdField, ColumnPlan plan,
      Set<String> duplicateKeys) {
    this.store = store;
    this.object = object;
    this.op = op;
    this.keyField = externalIdField == null ? null : object.field(externalIdField).orElseThrow();
    this.plan = plan;
    this.duplicateKeys = duplicateKeys;
    this.checks = new RowChecks(store, schema, object);
  }

  Outcome apply(List<String> row) throws RowError.Rejected {
    synchronized (store) {
      return switch (op) {
        case INSERT -> create(row);
        case UPDATE -> {
          String id = existingId(row, "an update");
          update(id, row);
          yield new Outcome(id, false);
        }
        case DELETE -> {
          String id = existingId(row, "a delete");
          store.delete(object, id);
          yield new Outcome(id, false);
        }
        case UPSERT -> upsert(row);
      };
    }
  }

  /** The record id a failed row refers to, for {@code sf__Id}: its Id column, or the upsert match; else empty. */
  String recordIdFor(List<String> row) {
    if (plan.idIndex >= 0 && !row.get(plan.idIndex).isEmpty()) {
      String id = SalesforceIds.normalize(row.get(plan.idIndex));
      return id == null ? row.get(plan.idIndex) : id;
    }
    if (op == BulkOperation.UPSERT && plan.keyIndex >= 0 && !row.get(plan.keyIndex).isEmpty()) {
      try {
        List<String> ids = store.idsWith(object, keyField, FieldValues.coerce(keyField, row.get(plan.keyIndex)));
        return ids.size() == 1 ? ids.get(0) : "";
      } catch (RowError.Rejected e) {
        return "";
      }
    }
    return "";
  }

  private Outcome upsert(List<String> row) throws RowError.Rejected {
    String raw = plan.keyIndex < 0 ? "" : row.get(plan.keyIndex);
    if (keyField.name().equals("Id")) {
      if (raw.isEmpty()) {
        return create(row);
      }
      String id = existingId(row, "an upsert");
      update(id, row);
      return new Outcome(id, false);
    }
    if (raw.isEmpty() || raw.equals(NULL_TOKEN)) {
      throw RowError.of("MISSING_ARGUMENT", keyField.name() + " not specified").rejected();
    }
    if (duplicateKeys.contains(raw)) {
      throw RowError.of("DUPLICATE_EXTERNAL_ID", "Duplicate external id specified: " + raw).rejected();
    }
    List<String> matches = store.idsWith(object, keyField, FieldValues.coerce(keyField, raw));
    if (matches.size() > 1) {
      throw RowError.of("DUPLICATE_EXTERNAL_ID",
          keyField.name() + ": more than one record found for external id field: " + matches).rejected();
    }
    if (matches.size() == 1) {
      update(matches.get(0), row);
      return new Outcome(matches.get(0), false);
    }
    return create(row);
  }

  private Outcome create(List<String> row) throws RowError.Rejected {
    if (op == BulkOperation.INSERT && plan.idIndex >= 0 && !row.get(plan.idIndex).isEmpty()) {
      throw RowError.of("INVALID_FIELD_FOR_INSERT_UPDATE", "cannot specify Id in an insert call", "Id").rejected();
    }
    Map<String, Object> values = values(row);
    checks.writable(values, FieldDef::createable);
    checks.requiredOnCreate(values);
    checks.unique(values, null);
    return new Outcome(store.insert(object, values), true);
  }

  private void update(String id, List<String> row) throws RowError.Rejected {
    Map<String, Object> changes = values(row);
    checks.writable(changes, FieldDef::updateable);
    checks.requiredOnUpdate(changes);
    checks.unique(changes, id);
    store.update(object, id, changes);
  }

  private Map<String, Object> values(List<String> row) throws RowError.Rejected {
    Map<String, Object> values = new LinkedHashMap<>();
    List<ColumnPlan.Column> columns = plan.columns;
    for (int i = 0; i < columns.size(); i++) {
      ColumnPlan.Column c = columns.get(i);
      String raw = row.get(i);
      if (i == plan.idIndex || raw.isEmpty()) {
        continue;
      }
      if (raw.equals(NULL_TOKEN)) {
        values.put(c.field().name(), null);
      } else if (c.isRelationship()) {
        values.put(c.field().name(), checks.resolveForeignKey(c, raw));
      } else {
        Object value = FieldValues.coerce(c.field(), raw);
        if (c.field().type() == FieldType.REFERENCE) {
          checks.referenceExists(c.field(), raw, (String) value);
        }
        values.put(c.field().name(), value);
      }
    }
    return values;
  }

  private String existingId(List<String> row, String call) throws RowError.Rejected {
    String raw = plan.idIndex < 0 ? "" : row.get(plan.idIndex);
    if (raw.isEmpty()) {
      throw RowError.of("MISSING_ARGUMENT", "Id not specified in " + call + " call").rejected();
    }
    String id = SalesforceIds.normalize(raw);
    if (id == null || !id.startsWith(object.keyPrefix())) {
      throw RowError.of("MALFORMED_ID", object.label() + " ID: id value of incorrect type: " + raw, "Id").rejected();
    }
    if (store.isDeleted(id)) {
      throw RowError.of("ENTITY_IS_DELETED", "entity is deleted").rejected();
    }
    if (store.get(object, id) == null) {
      throw RowError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id").rejected();
    }
    return id;
  }
}
