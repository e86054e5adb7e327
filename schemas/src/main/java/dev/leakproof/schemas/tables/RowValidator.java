package dev.leakproof.schemas.tables;

import dev.leakproof.schemas.csv.CsvRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates one CSV record of a source table, in this order: the field count, each column's
 * presence, code and type, the domain invariants, the key's uniqueness, and the references to
 * earlier tables. The first failure is the reason; nothing after it is checked.
 */
final class RowValidator {

  /** A usable row, or the reason code and detail why the record is not one. */
  record Result(Row row, String code, String detail) {

    static Result reject(String code, String detail) {
      return new Result(null, code, detail);
    }
  }

  private final SourceTable table;
  private final Map<String, Set<String>> references;
  private final Map<List<Object>, Long> keysSeen = new HashMap<>();

  RowValidator(SourceTable table, Map<String, Set<String>> references) {
    this.table = table;
    this.references = references;
  }

  Result validate(CsvRecord record, int[] mapping) {
    if (!record.wellFormed()) {
      return Result.reject("malformed_row", record.error());
    }
    int width = mapping[mapping.length - 1];
    if (record.fields().size() != width) {
      return Result.reject("malformed_row",
          "expected " + width + " fields as in the header, found " + record.fields().size());
    }
    List<Column> columns = table.columns();
    Object[] values = new Object[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      Column column = columns.get(c);
      String text = record.fields().get(mapping[c]);
      if (text == null || text.isBlank()) {
        if (!column.isNullable()) {
          return Result.reject("missing_value", column.name() + " is empty");
        }
        continue;
      }
      if (!column.allowedValues().isEmpty() && !column.allowedValues().contains(text)) {
        return Result.reject("invalid_value", column.name() + " '" + text + "' is not one of "
            + String.join(", ", new TreeSet<>(column.allowedValues())));
      }
      try {
        values[c] = column.type().parse(text);
      } catch (IllegalArgumentException e) {
        return Result.reject("invalid_value", column.name() + " '" + text + "' " + e.getMessage());
      }
    }
    Row row = new Row(record.lineNo(), values);
    try {
      DomainRows.toRecord(table, row);
    } catch (IllegalArgumentException e) {
      return Result.reject("invalid_value", e.getMessage());
    }
    Result keyCheck = checkKey(row);
    if (keyCheck != null) {
      return keyCheck;
    }
    for (Map.Entry<String, Set<String>> ref : references.entrySet()) {
      Object value = row.get(table.columnIndex(ref.getKey()));
      if (!ref.getValue().contains(value)) {
        String target = ref.getKey().replace("_id", "");
        return Result.reject("unknown_" + target, ref.getKey() + " '" + value + "' is not a known " + target);
      }
    }
    return new Result(row, null, null);
  }

  private Result checkKey(Row row) {
    Object[] key = new Object[table.key().size()];
    for (int k = 0; k < key.length; k++) {
      key[k] = row.get(table.columnIndex(table.key().get(k)));
    }
    Long firstLine = keysSeen.putIfAbsent(List.of(key), row.lineNo());
    if (firstLine != null) {
      return Result.reject("duplicate_key",
          String.join(", ", table.key()) + " " + List.of(key) + " already on line " + firstLine);
    }
    return null;
  }
}
