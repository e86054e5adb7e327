package dev.leakproof.sql.project;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a properties (.yml) file says about one node: description, columns, config, and the other
 * keys as written (docs, meta, access, group, ...).
 *
 * @param file the properties file (dbt's patch path), null when none describes the node
 */
public record Properties(String description, Map<String, ColumnDef> columns, Map<String, Object> config,
    Map<String, Object> other, String file) {

  /** One column's properties. */
  public record ColumnDef(String name, String description, String dataType, Map<String, Object> meta,
      boolean quote) {}

  public static final Properties NONE = new Properties("", Map.of(), Map.of(), Map.of(), null);

  public Properties {
    description = description == null ? "" : description;
    columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
    other = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(other));
  }
}
