package dev.leakproof.sql.project;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one properties file ({@code version: 2}): sources with their tables, and models or seeds
 * with their configs and their column and model tests ({@code tests:} or {@code data_tests:}).
 */
final class SchemaFile {

  private SchemaFile() {}

  static void read(Path root, Path file, Map<String, Object> yml, Map<String, SourceTableDef> sources,
      List<TestDef> tests, Map<String, Map<String, Object>> nodeConfigs) {
    String rel = root.relativize(file).toString().replace('\\', '/');
    for (Object s : list(yml.get("sources"))) {
      Map<String, Object> source = ProjectLoader.mapOf(s);
      String sourceName = ProjectLoader.stringOf(source.get("name"), file, "sources[].name");
      String schema = source.get("schema") == null ? sourceName : String.valueOf(source.get("schema"));
      for (Object t : list(source.get("tables"))) {
        Map<String, Object> table = ProjectLoader.mapOf(t);
        String tableName = ProjectLoader.stringOf(table.get("name"), file, "sources[].tables[].name");
        String identifier = table.get("identifier") == null ? tableName : String.valueOf(table.get("identifier"));
        Map<String, String> types = new LinkedHashMap<>();
        for (Object c : list(table.get("columns"))) {
          Map<String, Object> column = ProjectLoader.mapOf(c);
          Object type = column.get("data_type");
          if (type != null) {
            types.put(String.valueOf(column.get("name")), String.valueOf(type));
          }
        }
        SourceTableDef def = new SourceTableDef(sourceName, tableName, schema, identifier, rel, types);
        sources.put(def.key(), def);
        readTests(NodeKind.SOURCE, def.key(), table, rel, tests);
      }
    }
    readNodes(NodeKind.MODEL, yml.get("models"), file, rel, tests, nodeConfigs);
    readNodes(NodeKind.SEED, yml.get("seeds"), file, rel, tests, nodeConfigs);
  }

  private static void readNodes(NodeKind kind, Object entries, Path file, String rel, List<TestDef> tests,
      Map<String, Map<String, Object>> nodeConfigs) {
    for (Object m : list(entries)) {
      Map<String, Object> node = ProjectLoader.mapOf(m);
      String name = ProjectLoader.stringOf(node.get("name"), file, kind.name().toLowerCase() + "s[].name");
      Map<String, Object> config = new LinkedHashMap<>(ProjectLoader.mapOf(node.get("config")));
      nodeConfigs.put(name, config);
      readTests(kind, name, node, rel, tests);
    }
  }

  private static void readTests(NodeKind kind, String target, Map<String, Object> node, String rel,
      List<TestDef> tests) {
    for (Object t : testList(node)) {
      tests.add(test(kind, target, null, t, rel));
    }
    for (Object c : list(node.get("columns"))) {
      Map<String, Object> column = ProjectLoader.mapOf(c);
      String columnName = String.valueOf(column.get("name"));
      for (Object t : testList(column)) {
        tests.add(test(kind, target, columnName, t, rel));
      }
    }
  }

  private static List<?> testList(Map<String, Object> node) {
    Object tests = node.get("data_tests") != null ? node.get("data_tests") : node.get("tests");
    return list(tests);
  }

  /** A test entry is a name ({@code unique}) or a one-key map of name to arguments. */
  private static TestDef test(NodeKind kind, String target, String column, Object entry, String rel) {
    if (entry instanceof String name) {
      return new TestDef(kind, target, column, name, Map.of(), rel, null);
    }
    Map<String, Object> map = ProjectLoader.mapOf(entry);
    if (map.size() != 1) {
      throw new ProjectException("Cannot read " + rel + ": a test on " + target + (column == null ? "" : "." + column)
          + " must be a name or a one-key map, found " + map.keySet());
    }
    Map.Entry<String, Object> e = map.entrySet().iterator().next();
    Map<String, Object> args = new LinkedHashMap<>(ProjectLoader.mapOf(e.getValue()));
    if (args.get("arguments") instanceof Map<?, ?> nested) {
      args.remove("arguments");
      nested.forEach((k, v) -> args.put(String.valueOf(k), v));
    }
    return new TestDef(kind, target, column, e.getKey(), args, rel, null);
  }

  private static List<?> list(Object v) {
    return v instanceof List<?> l ? l : List.of();
  }
}
