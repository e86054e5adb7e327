package dev.leakproof.sql.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one properties file ({@code version: 2}) of a package: sources with their tables,
 * properties and tests of models, seeds and analyses, unit tests, and the resources Leakproof
 * lists without running (semantic models, metrics, saved queries, exposures, groups, snapshots).
 * Keys it does not know are reported as warnings, never dropped silently.
 */
final class SchemaFile {

  private static final Set<String> KNOWN = Set.of("version", "models", "seeds", "sources", "unit_tests", "snapshots",
      "analyses", "macros", "exposures", "metrics", "semantic_models", "saved_queries", "groups", "data_tests");
  private static final Set<String> TEST_CONFIG = Set.of("severity", "where", "limit", "warn_if", "error_if",
      "fail_calc", "store_failures", "store_failures_as", "enabled", "tags", "meta", "alias", "schema", "database");

  /** What the files of one package declare. */
  static final class Collected {
    final Map<String, SourceTableDef> sources = new LinkedHashMap<>();
    final List<TestDef> tests = new ArrayList<>();
    final Map<String, Properties> models = new LinkedHashMap<>();
    final Map<String, Properties> seeds = new LinkedHashMap<>();
    final Map<String, Properties> analyses = new LinkedHashMap<>();
    final List<UnitTestDef> unitTests = new ArrayList<>();
    final List<ResourceDef> resources = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
  }

  private SchemaFile() {}

  static void read(String packageName, String rel, Path file, Map<String, Object> yml, Collected out) {
    for (String key : yml.keySet()) {
      if (!KNOWN.contains(key)) {
        out.warnings.add(rel + ": unknown top-level key '" + key + "' ignored");
      }
    }
    for (Object s : list(yml.get("sources"))) {
      source(packageName, rel, file, ProjectLoader.mapOf(s), out);
    }
    nodes(packageName, NodeKind.MODEL, yml.get("models"), file, rel, out.models, out);
    nodes(packageName, NodeKind.SEED, yml.get("seeds"), file, rel, out.seeds, out);
    nodes(packageName, NodeKind.ANALYSIS, yml.get("analyses"), file, rel, out.analyses, out);
    for (Object u : list(yml.get("unit_tests"))) {
      Map<String, Object> t = ProjectLoader.mapOf(u);
      String name = ProjectLoader.stringOf(t.get("name"), file, "unit_tests[].name");
      String model = ProjectLoader.stringOf(t.get("model"), file, "unit_tests[].model");
      List<Map<String, Object>> given = new ArrayList<>();
      list(t.get("given")).forEach(g -> given.add(ProjectLoader.mapOf(g)));
      out.unitTests.add(new UnitTestDef(packageName, name, model, given, ProjectLoader.mapOf(t.get("expect")),
          ProjectLoader.mapOf(t.get("overrides")), ProjectLoader.mapOf(t.get("config")),
          t.get("description") == null ? "" : String.valueOf(t.get("description")), rel));
    }
    for (String type : List.of("semantic_models", "metrics", "saved_queries", "exposures", "groups", "snapshots")) {
      for (Object r : list(yml.get(type))) {
        Map<String, Object> m = ProjectLoader.mapOf(r);
        String name = ProjectLoader.stringOf(m.get("name"), file, type + "[].name");
        String single = switch (type) {
          case "saved_queries" -> "saved_query";
          default -> type.substring(0, type.length() - 1);
        };
        out.resources.add(new ResourceDef(packageName, single, name, rel, m));
        if (!type.equals("exposures") && !type.equals("groups")) {
          out.warnings.add(rel + ": " + single.replace('_', ' ') + " " + name + " is parsed and listed (ls, manifest.json) "
              + "but not run: Leakproof has no " + (type.equals("snapshots") ? "snapshot materialization"
              : "semantic layer (MetricFlow)"));
        }
      }
    }
  }

  private static void source(String packageName, String rel, Path file, Map<String, Object> source, Collected out) {
    String sourceName = ProjectLoader.stringOf(source.get("name"), file, "sources[].name");
    String schema = source.get("schema") == null ? sourceName : String.valueOf(source.get("schema"));
    String database = source.get("database") == null ? null : String.valueOf(source.get("database"));
    Map<String, Object> sourceConfig = ProjectLoader.mapOf(source.get("config"));
    for (Object t : list(source.get("tables"))) {
      Map<String, Object> table = ProjectLoader.mapOf(t);
      String tableName = ProjectLoader.stringOf(table.get("name"), file, "sources[].tables[].name");
      String identifier = table.get("identifier") == null ? tableName : String.valueOf(table.get("identifier"));
      Map<String, String> types = new LinkedHashMap<>();
      Map<String, Properties.ColumnDef> columns = columns(table);
      columns.values().forEach(c -> {
        if (c.dataType() != null) {
          types.put(c.name(), c.dataType());
        }
      });
      Map<String, Object> freshness = freshness(source, table);
      Object loadedAt = table.containsKey("loaded_at_field") ? table.get("loaded_at_field")
          : source.get("loaded_at_field");
      Map<String, Object> config = new LinkedHashMap<>(sourceConfig);
      config.putAll(ProjectLoader.mapOf(table.get("config")));
      Properties props = new Properties(String.valueOf(table.getOrDefault("description", "")), columns, config,
          Map.of("source_description", String.valueOf(source.getOrDefault("description", "")),
              "loader", String.valueOf(source.getOrDefault("loader", ""))), rel);
      SourceTableDef def = new SourceTableDef(packageName, sourceName, tableName, schema, database, identifier, rel,
          types, freshness, loadedAt == null ? null : String.valueOf(loadedAt), config, props);
      if (out.sources.put(def.key(), def) != null) {
        throw new ProjectException("Cannot load " + rel + ": source " + def.key() + " is declared twice");
      }
      tests(packageName, NodeKind.SOURCE, def.key(), table, rel, out.tests);
    }
  }

  /** The table's freshness: the source's, overridden key by key by the table's; null when unset. */
  private static Map<String, Object> freshness(Map<String, Object> source, Map<String, Object> table) {
    Object s = source.containsKey("freshness") ? source.get("freshness")
        : ProjectLoader.mapOf(source.get("config")).get("freshness");
    Object t = table.containsKey("freshness") ? table.get("freshness")
        : ProjectLoader.mapOf(table.get("config")).get("freshness");
    if (table.containsKey("freshness") && t == null) {
      return null;
    }
    Map<String, Object> f = new LinkedHashMap<>(ProjectLoader.mapOf(s));
    f.putAll(ProjectLoader.mapOf(t));
    return f.isEmpty() ? null : f;
  }

  private static void nodes(String packageName, NodeKind kind, Object entries, Path file, String rel,
      Map<String, Properties> props, Collected out) {
    for (Object m : list(entries)) {
      Map<String, Object> node = ProjectLoader.mapOf(m);
      String name = ProjectLoader.stringOf(node.get("name"), file, kind.resourceType() + "s[].name");
      if (node.containsKey("versions")) {
        out.warnings.add(rel + ": model versions of " + name + " are not supported; its versions are ignored and "
            + "the unversioned model is built");
      }
      Map<String, Object> config = new LinkedHashMap<>(ProjectLoader.mapOf(node.get("config")));
      for (String direct : List.of("docs", "meta", "tags", "access", "group")) {
        if (node.containsKey(direct) && !config.containsKey(direct)) {
          config.put(direct, node.get(direct));
        }
      }
      Map<String, Object> other = new LinkedHashMap<>(node);
      other.keySet().removeAll(List.of("name", "description", "columns", "config", "tests", "data_tests"));
      if (props.put(name, new Properties(String.valueOf(node.getOrDefault("description", "")), columns(node), config,
          other, rel)) != null) {
        throw new ProjectException("Cannot load " + rel + ": " + kind.resourceType() + " " + name
            + " is described twice in properties files");
      }
      if (kind != NodeKind.ANALYSIS) {
        tests(packageName, kind, name, node, rel, out.tests);
      }
    }
  }

  private static Map<String, Properties.ColumnDef> columns(Map<String, Object> node) {
    Map<String, Properties.ColumnDef> columns = new LinkedHashMap<>();
    for (Object c : list(node.get("columns"))) {
      Map<String, Object> column = ProjectLoader.mapOf(c);
      String name = String.valueOf(column.get("name"));
      Object type = column.get("data_type");
      columns.put(name, new Properties.ColumnDef(name, String.valueOf(column.getOrDefault("description", "")),
          type == null ? null : String.valueOf(type), ProjectLoader.mapOf(column.get("meta")),
          Boolean.TRUE.equals(column.get("quote"))));
    }
    return columns;
  }

  private static void tests(String packageName, NodeKind kind, String target, Map<String, Object> node, String rel,
      List<TestDef> tests) {
    for (Object t : testList(node)) {
      tests.add(test(packageName, kind, target, null, t, rel));
    }
    for (Object c : list(node.get("columns"))) {
      Map<String, Object> column = ProjectLoader.mapOf(c);
      String columnName = String.valueOf(column.get("name"));
      if (Boolean.TRUE.equals(column.get("quote"))) {
        columnName = "\"" + columnName + "\"";
      }
      for (Object t : testList(column)) {
        tests.add(test(packageName, kind, target, columnName, t, rel));
      }
    }
  }

  private static List<?> testList(Map<String, Object> node) {
    List<Object> all = new ArrayList<>(list(node.get("data_tests")));
    all.addAll(list(node.get("tests")));
    return all;
  }

  /**
   * A test entry is a name ({@code unique}), a one-key map of name to arguments, or (dbt 1.8+) a
   * map with {@code test_name} and {@code name}. Config keys ({@code severity}, {@code where},
   * {@code config:}) are kept apart from the arguments; {@code arguments:} (dbt 1.10) holds them.
   */
  private static TestDef test(String packageName, NodeKind kind, String target, String column, Object entry,
      String rel) {
    if (entry instanceof String name) {
      return new TestDef(packageName, kind, target, column, name, Map.of(), Map.of(), null, rel, null, List.of());
    }
    Map<String, Object> map = ProjectLoader.mapOf(entry);
    String testName;
    Map<String, Object> body;
    if (map.containsKey("test_name")) {
      testName = String.valueOf(map.get("test_name"));
      body = new LinkedHashMap<>(map);
      body.remove("test_name");
    } else if (map.size() == 1) {
      Map.Entry<String, Object> e = map.entrySet().iterator().next();
      testName = e.getKey();
      body = new LinkedHashMap<>(ProjectLoader.mapOf(e.getValue()));
    } else {
      throw new ProjectException("Cannot read " + rel + ": a test on " + target + (column == null ? "" : "." + column)
          + " must be a name or a one-key map, found " + map.keySet());
    }
    String customName = body.get("name") == null ? null : String.valueOf(body.remove("name"));
    Map<String, Object> config = new LinkedHashMap<>(ProjectLoader.mapOf(body.remove("config")));
    Map<String, Object> args = new LinkedHashMap<>();
    if (body.get("arguments") instanceof Map<?, ?> nested) {
      nested.forEach((k, v) -> args.put(String.valueOf(k), v));
      body.remove("arguments");
    }
    for (Map.Entry<String, Object> e : body.entrySet()) {
      if (TEST_CONFIG.contains(e.getKey())) {
        config.put(e.getKey(), e.getValue());
      } else {
        args.put(e.getKey(), e.getValue());
      }
    }
    if (column == null && args.containsKey("column_name")) {
      column = String.valueOf(args.remove("column_name"));
    }
    return new TestDef(packageName, kind, target, column, testName, args, config, customName, rel, null, List.of());
  }

  static List<?> list(Object v) {
    return v instanceof List<?> l ? l : List.of();
  }
}
