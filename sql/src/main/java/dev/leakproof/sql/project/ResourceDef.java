package dev.leakproof.sql.project;

import java.util.Map;

/**
 * A resource Leakproof reads and lists but does not run: a semantic model, metric, saved query,
 * exposure, group or snapshot, kept as written.
 *
 * @param type dbt's resource type ({@code semantic_model}, {@code metric}, {@code saved_query},
 *     {@code exposure}, {@code group}, {@code snapshot})
 */
public record ResourceDef(String packageName, String type, String name, String file, Map<String, Object> raw) {

  public ResourceDef {
    raw = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(raw));
  }

  public String uniqueId() {
    return type + "." + packageName + "." + name;
  }
}
