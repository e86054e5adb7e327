package dev.leakproof.connectors.salesforce.emulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The org's records, per object in insertion order, with an index on every external-id and unique
 * field so upserts and duplicate checks stay O(1) per row. Every method is atomic; callers that need
 * several steps to be atomic (look up, then insert) hold this object's monitor.
 */
final class RecordStore {

  private static final int MAX_DELETED_IDS = 100_000;

  private final Schema schema;
  private final SalesforceIds ids;
  private final Clock clock;
  private final Map<String, Table> tables = new HashMap<>();
  private final Set<String> deleted = new LinkedHashSet<>();

  private static final class Table {
    final Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
    final Map<String, Map<Object, Set<String>>> index = new HashMap<>();
  }

  RecordStore(Schema schema, SalesforceIds ids, Clock clock) {
    this.schema = schema;
    this.ids = ids;
    this.clock = clock;
    clear();
  }

  synchronized void clear() {
    tables.clear();
    deleted.clear();
    for (SObjectType o : schema.objects()) {
      Table t = new Table();
      o.fields().stream().filter(RecordStore::indexed).forEach(f -> t.index.put(f.name(), new HashMap<>()));
      tables.put(o.name(), t);
    }
  }

  /** A copy of the record, or null. */
  synchronized Map<String, Object> get(SObjectType type, String id) {
    Map<String, Object> row = tables.get(type.name()).rows.get(id);
    return row == null ? null : new LinkedHashMap<>(row);
  }

  synchronized boolean isDeleted(String id) {
    return deleted.contains(id);
  }

  /** Ids of the records whose {@code field} equals {@code value}, in insertion order. */
  synchronized List<String> idsWith(SObjectType type, FieldDef field, Object value) {
    Table t = tables.get(type.name());
    if (field.name().equals("Id")) {
      return t.rows.containsKey(value) ? List.of((String) value) : List.of();
    }
    Map<Object, Set<String>> index = t.index.get(field.name());
    if (index != null) {
      return List.copyOf(index.getOrDefault(value, Set.of()));
    }
    List<String> out = new ArrayList<>();
    t.rows.forEach((id, row) -> {
      if (value.equals(row.get(field.name()))) {
        out.add(id);
      }
    });
    return out;
  }

  /** Stores a new record with a generated id; {@code values} are canonical field names to non-null values. */
  synchronized String insert(SObjectType type, Map<String, Object> values) {
    String id = ids.next(type.keyPrefix());
    Instant now = clock.instant();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("Id", id);
    values.forEach((k, v) -> {
      if (v != null) {
        row.put(k, v);
      }
    });
    row.put("CreatedDate", now);
    row.put("LastModifiedDate", now);
    Table t = tables.get(type.name());
    t.rows.put(id, row);
    row.forEach((k, v) -> addToIndex(t, k, v, id));
    return id;
  }

  /** Applies {@code changes} (a null value clears the field) to an existing record. */
  synchronized void update(SObjectType type, String id, Map<String, Object> changes) {
    Table t = tables.get(type.name());
    Map<String, Object> row = t.rows.get(id);
    changes.forEach((k, v) -> {
      removeFromIndex(t, k, row.get(k), id);
      if (v == null) {
        row.remove(k);
      } else {
        row.put(k, v);
        addToIndex(t, k, v, id);
      }
    });
    row.put("LastModifiedDate", clock.instant());
  }

  synchronized boolean delete(SObjectType type, String id) {
    Table t = tables.get(type.name());
    Map<String, Object> row = t.rows.remove(id);
    if (row == null) {
      return false;
    }
    row.forEach((k, v) -> removeFromIndex(t, k, v, id));
    if (deleted.size() >= MAX_DELETED_IDS) {
      deleted.remove(deleted.iterator().next());
    }
    deleted.add(id);
    return true;
  }

  /** Copies of every record with every field of the object (unset fields as null). */
  synchronized List<Map<String, Object>> all(SObjectType type) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> row : tables.get(type.name()).rows.values()) {
      Map<String, Object> full = new LinkedHashMap<>();
      type.fields().forEach(f -> full.put(f.name(), row.get(f.name())));
      out.add(Collections.unmodifiableMap(full));
    }
    return out;
  }

  synchronized int count(SObjectType type) {
    return tables.get(type.name()).rows.size();
  }

  private static boolean indexed(FieldDef f) {
    return !f.name().equals("Id") && (f.externalId() || f.unique());
  }

  private static void addToIndex(Table t, String field, Object value, String id) {
    Map<Object, Set<String>> index = t.index.get(field);
    if (index != null && value != null) {
      index.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(id);
    }
  }

  private static void removeFromIndex(Table t, String field, Object value, String id) {
    Map<Object, Set<String>> index = t.index.get(field);
    if (index != null && value != null) {
      Set<String> holders = index.get(value);
      if (holders != null && holders.remove(id) && holders.isEmpty()) {
        index.remove(value);
      }
    }
  }
}
