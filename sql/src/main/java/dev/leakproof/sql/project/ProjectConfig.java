package dev.leakproof.sql.project;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of dbt_project.yml Leakproof reads: the project name, where models, macros, seeds and
 * tests live, project variables, and folder-level configs ({@code +materialized} and others)
 * under {@code models:} and {@code seeds:}.
 */
public record ProjectConfig(
    String name,
    String profile,
    List<String> modelPaths,
    List<String> macroPaths,
    List<String> seedPaths,
    List<String> testPaths,
    Map<String, Object> vars,
    Map<String, Object> modelConfigs,
    Map<String, Object> seedConfigs) {

  public ProjectConfig {
    Objects.requireNonNull(name, "name");
    modelPaths = List.copyOf(modelPaths);
    macroPaths = List.copyOf(macroPaths);
    seedPaths = List.copyOf(seedPaths);
    testPaths = List.copyOf(testPaths);
    vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    modelConfigs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(modelConfigs));
    seedConfigs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(seedConfigs));
  }

  /**
   * The configs that apply to a node in a folder, dbt's way: {@code +key} entries of the tree
   * under the project name, outer folders first, inner folders overriding.
   *
   * @param folders the node's folders below its resource path ({@code [staging]})
   */
  public static Map<String, Object> folderConfig(Map<String, Object> tree, String project, List<String> folders) {
    Map<String, Object> config = new java.util.LinkedHashMap<>();
    Object node = tree.get(project);
    collect(node, config);
    for (String folder : folders) {
      if (!(node instanceof Map<?, ?> map)) {
        break;
      }
      node = map.get(folder);
      collect(node, config);
    }
    return config;
  }

  private static void collect(Object node, Map<String, Object> config) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        if (key.startsWith("+")) {
          config.put(key.substring(1), e.getValue());
        } else if (!(e.getValue() instanceof Map)) {
          config.put(key, e.getValue());
        }
      }
    }
  }
}
