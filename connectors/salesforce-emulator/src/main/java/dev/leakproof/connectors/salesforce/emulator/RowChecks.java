package dev.leakproof.connectors.salesforce.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The record-level rules a row must pass before it is written: field access, required fields, unique
 * values, and that lookups point at existing parents (by id or by the parent's external id).
 */
final class RowChecks {

  private final RecordStore store;
  private final Schema schema;
  private final SObjectType object;

  RowChecks(RecordStore store, Schema schema, SObjectType object) {
    this.store = store;
    this.schema = schema;
    this.object = object;
  }

  void writable(Map<String, Object> values, Predicate<FieldDef> allowed) throws RowError.Rejected {
    for (String name : values.keySet()) {
      FieldDef f = object.field(name).orElseThrow();
      if (!allowed.test(f)) {
        throw RowError.of("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: " + name
            + ". Please check the security settings of this field and verify that it is read/write for your profile or permission set.", name)
            .rejected();
      }
    }
  }

  void requiredOnCreate(Map<String, Object> values) throws RowError.Rejected {
    List<FieldDef> missing = new ArrayList<>();
    for (FieldDef f : object.fields()) {
      if (f.requiredOnCreate() && values.get(f.name()) == null) {
        missing.add(f);
      }
    }
    failIfMissing(missing);
  }

  void requiredOnUpdate(Map<String, Object> changes) throws RowError.Rejected {
    List<FieldDef> missing = new ArrayList<>();
    for (FieldDef f : object.fields()) {
      if (!f.nillable() && changes.containsKey(f.name()) && changes.get(f.name()) == null) {
        missing.add(f);
      }
    }
    failIfMissing(missing);
  }

  private static void failIfMissing(List<FieldDef> missing) throws RowError.Rejected {
    if (!missing.isEmpty()) {
      List<String> names = missing.stream().map(FieldDef::name).toList();
      throw new RowError("REQUIRED_FIELD_MISSING", "Required fields are missing: " + names, names).rejected();
    }
  }

  /** Fails DUPLICATE_VALUE if a unique field's new value is held by a record other than {@code selfId}. */
  void unique(Map<String, Object> values, String selfId) throws RowError.Rejected {
    for (Map.Entry<String, Object> e : values.entrySet()) {
      FieldDef f = object.field(e.getKey()).orElseThrow();
      if (!f.unique() || e.getValue() == null || f.name().equals("Id")) {
        continue;
      }
      for (String holder : store.idsWith(object, f, e.getValue())) {
        if (!holder.equals(selfId)) {
          throw RowError.of("DUPLICATE_VALUE", "duplicate value found: " + f.name() + " duplicates value on record with id: " + holder)
              .rejected();
        }
      }
    }
  }

  /** The parent id for a relationship column value, e.g. the Account whose Leakproof_Id__c is {@code raw}. */
  String resolveForeignKey(ColumnPlan.Column c, String raw) throws RowError.Rejected {
    List<String> ids;
    try {
      ids = store.idsWith(c.target(), c.targetField(), FieldValues.coerce(c.targetField(), raw));
    } catch (RowError.Rejected e) {
      ids = List.of();
    }
    String where = " for field " + c.targetField().name() + " in entity " + c.target().name();
    if (ids.isEmpty()) {
      throw RowError.of("INVALID_FIELD", "Foreign key external ID: " + raw + " not found" + where).rejected();
    }
    if (ids.size() > 1) {
      throw RowError.of("INVALID_FIELD", "Foreign key external ID: " + raw + " matched more than one record" + where).rejected();
    }
    return ids.get(0);
  }

  /** Fails unless {@code id} is a record of the lookup's target object. */
  void referenceExists(FieldDef field, String raw, String id) throws RowError.Rejected {
    SObjectType target = schema.object(field.referenceTo().get(0)).orElseThrow();
    if (!id.startsWith(target.keyPrefix())) {
      throw RowError.of("FIELD_INTEGRITY_EXCEPTION", field.label() + ": id value of incorrect type: " + raw, field.name()).rejected();
    }
    if (store.get(target, id) == null) {
      throw RowError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", field.name()).rejected();
    }
  }
}
