package dev.leakproof.sql.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How dbt combines a node's configs from dbt_project.yml, properties files and {@code config()}:
 * later sources override, except {@code tags} (unioned), {@code pre-hook}/{@code post-hook}
 * (appended), and {@code meta}, {@code grants} and {@code docs} (merged key by key).
 */
public final class NodeConfigs {

  private NodeConfigs() {}

  /** Puts one config into {@code into} with dbt's merge rule for its key. */
  public static void merge(Map<String, Object> into, String rawKey, Object value) {
    String key = switch (rawKey) {
      case "pre_hook" -> "pre-hook";
      case "post_hook" -> "post-hook";
      default -> rawKey;
    };
    switch (key) {
      case "tags" -> {
        List<Object> tags = new ArrayList<>(list(into.get("tags")));
        for (Object t : list(value)) {
          if (!tags.contains(t)) {
            tags.add(t);
          }
        }
        into.put("tags", tags);
      }
      case "pre-hook", "post-hook" -> {
        List<Object> hooks = new ArrayList<>(list(into.get(key)));
        hooks.addAll(list(value));
        into.put(key, hooks);
      }
      case "meta", "grants", "docs" -> {
        if (value instanceof Map<?, ?> m && into.get(key) instanceof Map<?, ?> old) {
          Map<Object, Object> merged = new LinkedHashMap<>(old);
          merged.putAll(m);
          into.put(key, merged);
        } else {
          into.put(key, value);
        }
      }
      default -> into.put(key, value);
    }
  }

  /** All of {@code configs} merged into {@code into}, in order. */
  public static void mergeAll(Map<String, Object> into, Map<String, ?> configs) {
    configs.forEach((k, v) -> merge(into, k, v));
  }

  private static List<?> list(Object v) {
    if (v == null) {
      return List.of();
    }
    return v instanceof List<?> l ? l : List.of(v);
  }
}
