package dev.leakproof.sql.run;

import dev.leakproof.sql.jinja.Relations;
import dev.leakproof.sql.project.DbtProject;
import dev.leakproof.sql.project.ModelFile;
import dev.leakproof.sql.project.SeedFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a project's nodes live, as dbt resolves and names them. {@code ref(name)} looks in the
 * referring node's package, then the root project, then every installed package;
 * {@code ref('pkg', name)} only in that package. A ref to a disabled node is an error saying so.
 * Relations come from the project's {@code generate_schema_name} / {@code generate_alias_name}
 * (set by the compiler once a node's config is known); ephemeral models print as the CTE
 * {@code __dbt__cte__<name>}; sources as their yml declares them.
 */
final class ProjectRelations implements Relations {

  static final String EPHEMERAL_PREFIX = "__dbt__cte__";

  private final DbtProject project;
  private final String defaultSchema;
  /** Enabled models and seeds by unique id: their package and name. */
  private final Map<String, String[]> nodes = new LinkedHashMap<>();
  /** Disabled models and seeds by unique id: their file. */
  private final Map<String, String> disabled = new HashMap<>();
  private final Set<String> ephemerals = new TreeSet<>();
  private final Map<String, Relation> placed = new HashMap<>();
  private final Map<String, Relation> sources = new HashMap<>();
  private final Set<String> disabledSources = new TreeSet<>();
  /** Given rows of a unit test: relations replaced by CTEs, by unique id or source key. */
  private Map<String, Relation> overrides = Map.of();

  ProjectRelations(DbtProject project, String defaultSchema) {
    this.project = project;
    this.defaultSchema = defaultSchema;
  }

  void enable(ModelFile model) {
    nodes.put(model.uniqueId(), new String[] {model.packageName(), model.name()});
  }

  void enable(SeedFile seed) {
    nodes.put(seed.uniqueId(), new String[] {seed.packageName(), seed.name()});
  }

  void disable(String uniqueId, String file) {
    nodes.remove(uniqueId);
    disabled.put(uniqueId, file);
  }

  void disableSource(String key) {
    disabledSources.add(key);
  }

  void place(String uniqueId, Relation relation) {
    placed.put(uniqueId, relation);
  }

  void placeSource(String key, Relation relation) {
    sources.put(key, relation);
  }

  void markEphemeral(String uniqueId) {
    ephemerals.add(uniqueId);
  }

  boolean isEphemeral(String uniqueId) {
    return ephemerals.contains(uniqueId);
  }

  boolean enabled(String uniqueId) {
    return nodes.containsKey(uniqueId);
  }

  /** Replaces relations while a unit test renders its model; empty map to restore. */
  void override(Map<String, Relation> given) {
    this.overrides = Map.copyOf(given);
  }

  /**
   * The unique id a ref names, as dbt-core resolves it.
   *
   * @throws IllegalArgumentException when nothing enabled has that name
   */
  String resolve(String packageName, String name, String fromPackage) {
    List<String> searched = new ArrayList<>();
    if (packageName != null) {
      searched.add(packageName);
    } else {
      if (fromPackage != null) {
        searched.add(fromPackage);
      }
      if (!searched.contains(project.name())) {
        searched.add(project.name());
      }
    }
    for (String pkg : searched) {
      for (String kind : new String[] {"model.", "seed."}) {
        String id = kind + pkg + "." + name;
        if (nodes.containsKey(id)) {
          return id;
        }
      }
    }
    if (packageName == null) {
      for (Map.Entry<String, String[]> e : nodes.entrySet()) {
        if (e.getValue()[1].equals(name)) {
          return e.getKey();
        }
      }
    }
    for (Map.Entry<String, String> e : disabled.entrySet()) {
      String[] parts = e.getKey().split("\\.", 3);
      if (parts[2].equals(name) && (packageName == null || parts[1].equals(packageName))) {
        throw new IllegalArgumentException("a node named '" + name + "'" + (packageName == null ? ""
            : " in package '" + packageName + "'") + " which is disabled (" + e.getValue() + ")");
      }
    }
    throw new IllegalArgumentException("a node named '" + name + "'" + (packageName == null ? ""
        : " in package '" + packageName + "'") + " which was not found");
  }

  @Override
  public Relation ref(String packageName, String name, String fromPackage) {
    String id = resolve(packageName, name, fromPackage);
    return relation(id);
  }

  /** Where a model or seed is built (a CTE name for an ephemeral model). */
  Relation relation(String uniqueId) {
    Relation given = overrides.get(uniqueId);
    if (given != null) {
      return given;
    }
    String name = uniqueId.substring(uniqueId.indexOf('.', uniqueId.indexOf('.') + 1) + 1);
    if (ephemerals.contains(uniqueId)) {
      return new Relation(null, null, EPHEMERAL_PREFIX + name, "cte");
    }
    Relation r = placed.get(uniqueId);
    return r != null ? r : new Relation(defaultSchema, name);
  }

  @Override
  public Relation source(String sourceName, String tableName) {
    String key = sourceName + "." + tableName;
    Relation given = overrides.get(key);
    if (given != null) {
      return given;
    }
    if (disabledSources.contains(key)) {
      throw new IllegalArgumentException("a source named '" + sourceName + "." + tableName + "' which is disabled");
    }
    Relation r = sources.get(key);
    if (r == null) {
      throw new IllegalArgumentException("a source named '" + sourceName + "." + tableName
          + "' which was not found (no .yml file declares it)");
    }
    return r;
  }
}
