package dev.leakproof.sql.run;

import dev.leakproof.sql.jinja.Relations;
import dev.leakproof.sql.project.DbtProject;
import dev.leakproof.sql.project.SourceTableDef;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a project's nodes live, as dbt names them: models and seeds in the target schema (or
 * {@code <target schema>_<schema config>}, dbt's default {@code generate_schema_name}) under their
 * name or {@code alias}; ephemeral models as the CTE {@code __dbt__cte__<name>}; sources where
 * their yml says.
 */
final class ProjectRelations implements Relations {

  static final String EPHEMERAL_PREFIX = "__dbt__cte__";

  private final DbtProject project;
  private final String schema;
  private final Set<String> ephemerals = new TreeSet<>();
  private final Map<String, Map<String, Object>> configs = new HashMap<>();

  ProjectRelations(DbtProject project, String schema) {
    this.project = project;
    this.schema = schema;
  }

  void markEphemeral(String model) {
    ephemerals.add(model);
  }

  boolean isEphemeral(String model) {
    return ephemerals.contains(model);
  }

  Set<String> ephemerals() {
    return Set.copyOf(ephemerals);
  }

  void configure(String node, Map<String, Object> config) {
    configs.put(node, config);
  }

  @Override
  public Relation ref(String name) {
    if (ephemerals.contains(name)) {
      return new Relation(null, EPHEMERAL_PREFIX + name);
    }
    Map<String, Object> config = configs.get(name);
    if (config == null && project.seeds().containsKey(name)) {
      config = project.seeds().get(name).config();
    }
    if (config == null && !project.models().containsKey(name)) {
      throw new IllegalArgumentException("Cannot resolve ref('" + name + "'): no model or seed named " + name);
    }
    config = config == null ? project.models().get(name).folderConfig() : config;
    Object custom = config.get("schema");
    Object alias = config.get("alias");
    return new Relation(custom == null ? schema : schema + "_" + custom, alias == null ? name : String.valueOf(alias));
  }

  @Override
  public Relation source(String sourceName, String tableName) {
    SourceTableDef def = project.sources().get(sourceName + "." + tableName);
    if (def == null) {
      throw new IllegalArgumentException("Cannot resolve source('" + sourceName + "', '" + tableName
          + "'): no such source table is declared in a .yml file");
    }
    return new Relation(def.schema(), def.identifier());
  }
}
