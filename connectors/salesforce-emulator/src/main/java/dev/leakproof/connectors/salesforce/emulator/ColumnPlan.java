package dev.leakproof.connectors.salesforce.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A job's CSV header resolved against the object: each column is a field, or a relationship column
 * {@code Relationship.ExternalIdField} (e.g. {@code Account.Leakproof_Id__c}) that sets the lookup by
 * the parent's external id. A column that names no field, or a field the operation may not write,
 * makes the whole job fail, as in Salesforce.
 */
final class ColumnPlan {

  /** One column: the field it writes, and for relationship columns the parent object and its key field. */
  record Column(String header, FieldDef field, SObjectType target, FieldDef targetField) {
    boolean isRelationship() {
      return target != null;
    }
  }

  /** The header cannot be used; the message becomes the job's {@code errorMessage} after {@code InvalidBatch : }. */
  static final class InvalidHeader extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidHeader(String message) {
      super(message, null, false, false);
    }
  }

  final List<Column> columns;
  final int idIndex;
  final int keyIndex;

  private ColumnPlan(List<Column> columns, int idIndex, int keyIndex) {
    this.columns = columns;
    this.idIndex = idIndex;
    this.keyIndex = keyIndex;
  }

  static ColumnPlan resolve(Schema schema, SObjectType object, BulkOperation op, String externalIdField, List<String> header)
      throws InvalidHeader {
    List<Column> columns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int idIndex = -1;
    int keyIndex = -1;
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw new InvalidHeader("Duplicate field name : " + name);
      }
      Column column = name.contains(".") ? relationship(schema, object, op, name) : direct(object, op, name);
      if (column.field().name().equals("Id") && !column.isRelationship()) {
        idIndex = i;
      }
      if (externalIdField != null && !column.isRelationship() && column.field().name().equals(externalIdField)) {
        keyIndex = i;
      }
      columns.add(column);
    }
    return new ColumnPlan(List.copyOf(columns), idIndex, keyIndex);
  }

  private static Column direct(SObjectType object, BulkOperation op, String name) throws InvalidHeader {
    FieldDef field = object.field(name).orElseThrow(() -> notFound(name));
    if (!field.name().equals("Id") && !writable(field, op)) {
      throw notFound(name);
    }
    return new Column(name, field, null, null);
  }

  private static Column relationship(Schema schema, SObjectType object, BulkOperation op, String name) throws InvalidHeader {
    int dot = name.indexOf('.');
    FieldDef ref = object.relationship(name.substring(0, dot)).orElseThrow(() -> notFound(name));
    if (!writable(ref, op)) {
      throw notFound(name);
    }
    SObjectType target = schema.object(ref.referenceTo().get(0)).orElseThrow(() -> notFound(name));
    FieldDef key = target.field(name.substring(dot + 1)).filter(FieldDef::externalId).orElseThrow(() -> notFound(name));
    return new Column(name, ref, target, key);
  }

  private static boolean writable(FieldDef field, BulkOperation op) {
    return switch (op) {
      case INSERT -> field.createable();
      case UPDATE -> field.updateable();
      case UPSERT -> field.createable() || field.updateable();
      case DELETE -> true;
    };
  }

  private static InvalidHeader notFound(String name) {
    return new InvalidHeader("Field name not found : " + name);
  }

  /** Upsert keys that occur on more than one row of the upload; every such row fails DUPLICATE_EXTERNAL_ID. */
  Set<String> duplicateKeys(List<List<String>> rows) {
    Set<String> duplicates = new HashSet<>();
    if (keyIndex < 0) {
      return duplicates;
    }
    Map<String, Integer> counts = new HashMap<>();
    for (List<String> row : rows) {
      String key = row.get(keyIndex);
      if (!key.isEmpty() && counts.merge(key, 1, Integer::sum) == 2) {
        duplicates.add(key);
      }
    }
    return duplicates;
  }
}
