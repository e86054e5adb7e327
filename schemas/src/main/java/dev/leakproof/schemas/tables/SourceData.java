package dev.leakproof.schemas.tables;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Every source table of a dataset, validated, and the rows that were rejected on the way. */
public record SourceData(Map<SourceTable, TableData> tables, List<RowRejection> rejections) {

  public SourceData {
    tables = Map.copyOf(new EnumMap<>(tables));
    rejections = List.copyOf(rejections);
  }

  public TableData table(SourceTable table) {
    return tables.get(table);
  }

  /** The distinct values of one column of a table, as text (workspace ids, metrics). */
  public Set<String> distinct(SourceTable table, String column) {
    int index = table.columnIndex(column);
    return table(table).rows().stream()
        .map(r -> String.valueOf(r.get(index)))
        .collect(Collectors.toUnmodifiableSet());
  }
}
