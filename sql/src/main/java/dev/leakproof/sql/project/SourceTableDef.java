package dev.leakproof.sql.project;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One table of a source declared in a properties file. Schema, database and identifier are kept
 * as written (they may hold Jinja such as {@code "{{ var('raw_schema') }}"}).
 *
 * @param schema the warehouse schema holding it (the source's {@code schema}, default its name)
 * @param identifier the table's name in the warehouse (default its name)
 * @param columnTypes declared {@code data_type} per column, in order; when every column of the
 *     table is declared, models can be compiled without a warehouse connection
 * @param freshness the table's freshness config (the source's, overridden by the table's):
 *     {@code warn_after}, {@code error_after}, {@code filter}; null when none is set
 * @param loadedAtField the column freshness reads, null when not set
 */
public record SourceTableDef(String packageName, String sourceName, String tableName, String schema, String database,
    String identifier, String file, Map<String, String> columnTypes, Map<String, Object> freshness,
    String loadedAtField, Map<String, Object> config, Properties properties) {

  public SourceTableDef {
    columnTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columnTypes));
    config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
  }

  /** The key used by {@code source('name', 'table')}. */
  public String key() {
    return sourceName + "." + tableName;
  }

  public String uniqueId() {
    return "source." + packageName + "." + sourceName + "." + tableName;
  }
}
