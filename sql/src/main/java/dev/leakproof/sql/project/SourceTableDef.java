package dev.leakproof.sql.project;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One table of a source declared in a model folder's yml.
 *
 * @param schema the warehouse schema holding it (the source's {@code schema}, default its name)
 * @param identifier the table's name in the warehouse (default its name)
 * @param columnTypes declared {@code data_type} per column, in order; when every column of the
 *     table is declared, models can be compiled without a warehouse connection
 */
public record SourceTableDef(String sourceName, String tableName, String schema, String identifier, String file,
    Map<String, String> columnTypes) {

  public SourceTableDef {
    columnTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columnTypes));
  }

  /** The key used by {@code source('name', 'table')}. */
  public String key() {
    return sourceName + "." + tableName;
  }
}
