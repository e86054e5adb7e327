package dev.leakproof.sql.jinja;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The node a template renders for: its file and package (macro and var lookups depend on it), its
 * own relation ({@code this}), its config so far, and whether this is dbt's parse phase.
 *
 * @param resourceType {@code model}, {@code seed}, {@code test}, {@code snapshot}, {@code operation}
 * @param self null for tests and operations
 * @param extra further names the template sees ({@code _dbt_generic_test_kwargs}, ...)
 */
public record NodeScope(String file, String packageName, String resourceType, String name, String uniqueId,
    Relations.Relation self, Map<String, Object> config, boolean incremental, Phase phase,
    Map<String, Object> extra) {

  /** dbt's two renders of a node. */
  public enum Phase {
    /** Parsing: {@code execute} is false, undefined calls are tolerated, refs and config are recorded. */
    PARSE,
    /** Compiling for a run: {@code execute} is true when a warehouse is connected. */
    EXECUTE
  }

  public NodeScope {
    config = new LinkedHashMap<>(config);
    extra = new LinkedHashMap<>(extra);
  }

  /** A scope for rendering text that belongs to no node (a project file's value, a hook). */
  public static NodeScope project(String file, String packageName, Phase phase) {
    return new NodeScope(file, packageName, "operation", file, "operation." + packageName + "." + file, null,
        Map.of(), false, phase, Map.of());
  }

  /** This scope with more names visible. */
  public NodeScope with(Map<String, Object> names) {
    Map<String, Object> all = new LinkedHashMap<>(extra);
    all.putAll(names);
    return new NodeScope(file, packageName, resourceType, name, uniqueId, self, config, incremental, phase, all);
  }
}
