package dev.leakproof.sql.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * dbt_project.yml as dbt reads it: the project name, its resource paths (with the older names
 * {@code source-paths} and {@code data-paths}), variables, the config trees under
 * {@code models:}, {@code seeds:}, {@code data_tests:}, {@code sources:} and the others, hooks
 * ({@code on-run-start}, {@code on-run-end}), {@code dispatch:} search orders and
 * {@code packages-install-path}. Values are kept as written: Jinja in them is rendered when a
 * node's config is computed, as it depends on vars and the target.
 */
public record ProjectConfig(
    String name,
    String version,
    String profile,
    List<String> modelPaths,
    List<String> macroPaths,
    List<String> seedPaths,
    List<String> testPaths,
    List<String> snapshotPaths,
    List<String> analysisPaths,
    String packagesInstallPath,
    Map<String, Object> vars,
    Map<String, Map<String, Object>> configTrees,
    List<String> onRunStart,
    List<String> onRunEnd,
    Map<String, List<String>> dispatch,
    List<String> warnings) {

  /** The resource types dbt_project.yml holds config trees for, as keyed there. */
  public static final List<String> TREES = List.of("models", "seeds", "data_tests", "sources", "snapshots",
      "unit_tests", "semantic-models", "metrics", "saved-queries", "exposures", "analyses");

  public ProjectConfig {
    Objects.requireNonNull(name, "name");
    modelPaths = List.copyOf(modelPaths);
    macroPaths = List.copyOf(macroPaths);
    seedPaths = List.copyOf(seedPaths);
    testPaths = List.copyOf(testPaths);
    snapshotPaths = List.copyOf(snapshotPaths);
    analysisPaths = List.copyOf(analysisPaths);
    vars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    configTrees = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(configTrees));
    onRunStart = List.copyOf(onRunStart);
    onRunEnd = List.copyOf(onRunEnd);
    dispatch = Map.copyOf(dispatch);
    warnings = List.copyOf(warnings);
  }

  /** The config tree of one resource type ({@code models}, {@code seeds}, {@code data_tests}, ...). */
  public Map<String, Object> tree(String type) {
    return configTrees.getOrDefault(type, Map.of());
  }

  public Map<String, Object> modelConfigs() {
    return tree("models");
  }

  public Map<String, Object> seedConfigs() {
    return tree("seeds");
  }

  /** Every folder a property (.yml) file may sit in. */
  public List<String> resourcePaths() {
    List<String> all = new ArrayList<>();
    for (List<String> paths : List.of(modelPaths, seedPaths, snapshotPaths, analysisPaths, macroPaths, testPaths)) {
      for (String p : paths) {
        if (!all.contains(p)) {
          all.add(p);
        }
      }
    }
    return all;
  }

  /**
   * The configs a tree gives a node, dbt's way: top-level {@code +key} entries, then the entries
   * under the node's package, then each folder down to the node itself, inner levels overriding
   * (tags and hooks accumulate).
   *
   * @param fqn the node's package, folders and name ({@code [jaffle_shop, staging, stg_orders]})
   */
  public static Map<String, Object> folderConfig(Map<String, Object> tree, List<String> fqn) {
    Map<String, Object> config = new LinkedHashMap<>();
    collect(tree, config, true);
    Object node = tree;
    for (String part : fqn) {
      if (!(node instanceof Map<?, ?> map)) {
        break;
      }
      node = map.get(part);
      collect(node, config, false);
    }
    return config;
  }

  /** The configs that apply to a node of {@code project} in {@code folders} (no name level). */
  public static Map<String, Object> folderConfig(Map<String, Object> tree, String project, List<String> folders) {
    List<String> fqn = new ArrayList<>();
    fqn.add(project);
    fqn.addAll(folders);
    return folderConfig(tree, fqn);
  }

  private static void collect(Object node, Map<String, Object> config, boolean topLevel) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        if (key.startsWith("+")) {
          NodeConfigs.merge(config, key.substring(1), e.getValue());
        } else if (!topLevel && !(e.getValue() instanceof Map)) {
          NodeConfigs.merge(config, key, e.getValue());
        }
      }
    }
  }
}
