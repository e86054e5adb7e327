package dev.leakproof.sql.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakproof.sql.jinja.DbtJinja;
import dev.leakproof.sql.project.DbtProject;
import dev.leakproof.sql.project.ModelFile;
import dev.leakproof.sql.project.NodeKind;
import dev.leakproof.sql.project.Properties;
import dev.leakproof.sql.project.ResourceDef;
import dev.leakproof.sql.project.SeedFile;
import dev.leakproof.sql.project.SourceTableDef;
import dev.leakproof.sql.warehouse.Warehouse;
import dev.leakproof.sql.warehouse.WarehouseTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * dbt's artifacts in target/: compiled SQL per node under {@code compiled/<package>/},
 * {@code manifest.json} (v12: nodes, sources, unit tests, semantic models, metrics and the other
 * listed resources, docs, disabled nodes, parent and child maps), {@code run_results.json} (v6),
 * {@code sources.json} (v3, source freshness) and {@code catalog.json} (v1, what the warehouse
 * holds), in the shape of dbt's schemas for the fields tools and the dbt docs site read.
 */
public final class Artifacts {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final Path targetDir;

  public Artifacts(Path targetDir) {
    this.targetDir = targetDir;
  }

  /** Writes each node's SQL in the target's dialect, where dbt writes compiled SQL. */
  public void writeCompiled(CompiledProject project) throws IOException {
    for (CompiledNode node : project.nodes()) {
      if (node.kind() == NodeKind.SEED || node.sql() == null) {
        continue;
      }
      Path out = targetDir.resolve("compiled").resolve(node.packageName()).resolve(compiledPath(node));
      Files.createDirectories(out.getParent());
      Files.writeString(out, node.sql() + "\n", StandardCharsets.UTF_8);
    }
  }

  private static String compiledPath(CompiledNode node) {
    if (node.kind() == NodeKind.MODEL || node.kind() == NodeKind.ANALYSIS || node.testMetadata().isEmpty()
        && node.kind() == NodeKind.TEST) {
      return node.file();
    }
    return node.file().replaceAll("\\.(yml|yaml|sql)$", "") + "/" + node.name() + ".sql";
  }

  /** A node's config as the manifest shows it (and {@code state:modified} compares it). */
  static Map<String, Object> manifestConfig(CompiledNode n) {
    Map<String, Object> config = new java.util.LinkedHashMap<>(n.config());
    config.put("enabled", true);
    if (n.materialization() != null) {
      config.put("materialized", n.materialization());
    }
    return config;
  }

  /** dbt's checksum of a node: sha256 of its file's text. */
  static String checksum(CompiledNode node) {
    return sha256(node.rawSql() == null ? "" : node.rawSql() + "|" + canonical(node.testMetadata()));
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A value as canonical JSON (keys sorted), to compare configs across manifests. */
  static String canonical(Object value) {
    try {
      JsonNode tree = value instanceof JsonNode j ? j : CANONICAL.valueToTree(value);
      return CANONICAL.writeValueAsString(CANONICAL.treeToValue(tree, Object.class));
    } catch (IOException | IllegalArgumentException e) {
      return String.valueOf(value);
    }
  }

  public Path writeManifest(DbtProject dbt, CompiledProject project, String adapter) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.set("metadata", metadata("manifest", "v12", adapter, project.name()));
    ObjectNode nodes = root.putObject("nodes");
    ObjectNode unitTests = root.putObject("unit_tests");
    Map<String, TreeSet<String>> childMap = new TreeMap<>();
    ObjectNode parentMap = JSON.createObjectNode();
    for (CompiledNode n : project.nodes()) {
      ObjectNode node = n.kind() == NodeKind.UNIT_TEST ? unitTests.putObject(n.uniqueId())
          : nodes.putObject(n.uniqueId());
      node.put("unique_id", n.uniqueId());
      node.put("resource_type", n.kind().resourceType());
      node.put("name", n.name());
      node.put("package_name", n.packageName());
      node.put("original_file_path", n.file());
      node.put("path", n.file() == null ? null : n.file().replaceFirst("^[^/]+/", ""));
      node.put("language", "sql");
      ArrayNode fqn = node.putArray("fqn");
      n.fqn().forEach(fqn::add);
      node.putObject("checksum").put("name", "sha256").put("checksum", checksum(n));
      node.set("config", JSON.valueToTree(manifestConfig(n)));
      node.set("tags", JSON.valueToTree(n.config().getOrDefault("tags", List.of())));
      node.set("meta", JSON.valueToTree(n.config().getOrDefault("meta", Map.of())));
      node.set("docs", JSON.valueToTree(n.config().getOrDefault("docs", Map.of("show", true))));
      node.put("database", (String) null);
      node.put("schema", (String) null);
      node.put("alias", n.name());
      if (n.relation() != null) {
        int dot = n.relation().lastIndexOf('.');
        node.put("schema", n.relation().substring(0, dot));
        node.put("alias", n.relation().substring(dot + 1));
        node.put("relation_name", n.relation());
      }
      Properties props = properties(dbt, n);
      node.put("description", props.description());
      node.put("patch_path", props.file() == null ? null : n.packageName() + "://" + props.file());
      ObjectNode depends = node.putObject("depends_on");
      depends.putArray("macros");
      ArrayNode dependsNodes = depends.putArray("nodes");
      n.dependsOn().forEach(dependsNodes::add);
      ArrayNode refs = node.putArray("refs");
      ArrayNode sources = node.putArray("sources");
      for (String d : n.dependsOn()) {
        if (d.startsWith("source.")) {
          String[] parts = d.split("\\.", 4);
          sources.addArray().add(parts[2]).add(parts[3]);
        } else {
          refs.addObject().put("name", d.substring(d.indexOf('.', d.indexOf('.') + 1) + 1))
              .put("package", (String) null).put("version", (String) null);
        }
      }
      node.put("raw_code", n.rawSql());
      node.put("compiled", n.sql() != null);
      node.put("compiled_code", n.sql());
      node.put("compiled_path", n.sql() == null ? null
          : "target/compiled/" + n.packageName() + "/" + compiledPath(n));
      node.put("build_path", (String) null);
      node.put("deferred", false);
      node.put("created_at", Instant.now().getEpochSecond());
      node.putArray("extra_ctes");
      node.put("extra_ctes_injected", true);
      node.putObject("unrendered_config");
      node.putObject("config_call_dict");
      node.putObject("contract").put("enforced", false).put("alias_types", true);
      if (!n.testMetadata().isEmpty() && n.kind() == NodeKind.TEST) {
        ObjectNode meta = node.putObject("test_metadata");
        meta.put("name", String.valueOf(n.testMetadata().get("name")));
        meta.put("namespace", (String) n.testMetadata().get("namespace"));
        meta.set("kwargs", JSON.valueToTree(n.testMetadata().get("kwargs")));
        Object kwargs = n.testMetadata().get("kwargs");
        if (kwargs instanceof Map<?, ?> k && k.get("column_name") != null) {
          node.put("column_name", String.valueOf(k.get("column_name")));
        }
        n.dependsOn().stream().filter(d -> !d.startsWith("source.")).findFirst()
            .ifPresent(d -> node.put("attached_node", d));
      }
      if (n.kind() == NodeKind.UNIT_TEST) {
        node.put("model", String.valueOf(n.testMetadata().get("model")));
      }
      ObjectNode columns = node.putObject("columns");
      props.columns().forEach((name, c) -> column(columns, name, c.description(), c.dataType(), c.meta()));
      if (n.rowType() != null) {
        for (RelDataTypeField f : n.rowType().getFieldList()) {
          ObjectNode c = columns.has(f.getName()) ? (ObjectNode) columns.get(f.getName())
              : column(columns, f.getName(), "", null, Map.of());
          c.put("data_type", WarehouseTypes.sqlName(f.getType()).toLowerCase(Locale.ROOT));
        }
      }
      ArrayNode parents = parentMap.putArray(n.uniqueId());
      n.dependsOn().forEach(parents::add);
      n.dependsOn().forEach(p -> childMap.computeIfAbsent(p, k -> new TreeSet<>()).add(n.uniqueId()));
      childMap.computeIfAbsent(n.uniqueId(), k -> new TreeSet<>());
    }
    ObjectNode sources = root.putObject("sources");
    for (SourceTableDef s : dbt.sources().values()) {
      String id = s.uniqueId();
      ObjectNode source = sources.putObject(id);
      source.put("unique_id", id);
      source.put("resource_type", "source");
      source.put("package_name", s.packageName());
      source.put("source_name", s.sourceName());
      source.put("name", s.tableName());
      source.put("database", s.database());
      source.put("schema", s.schema());
      source.put("identifier", s.identifier());
      source.put("relation_name", s.schema() + "." + s.identifier());
      source.put("original_file_path", s.file());
      source.put("path", s.file());
      source.putArray("fqn").add(s.packageName()).add(s.sourceName()).add(s.tableName());
      source.put("description", s.properties().description());
      source.put("source_description", "");
      source.put("loader", "");
      source.put("loaded_at_field", s.loadedAtField());
      source.set("freshness", JSON.valueToTree(s.freshness()));
      source.set("config", JSON.valueToTree(s.config()));
      source.set("meta", JSON.valueToTree(s.config().getOrDefault("meta", Map.of())));
      source.set("tags", JSON.valueToTree(s.config().getOrDefault("tags", List.of())));
      ObjectNode columns = source.putObject("columns");
      s.properties().columns().forEach((name, c) -> column(columns, name, c.description(), c.dataType(), c.meta()));
      s.columnTypes().forEach((name, type) -> {
        if (!columns.has(name)) {
          column(columns, name, "", type, Map.of());
        }
      });
      childMap.computeIfAbsent(id, k -> new TreeSet<>());
      parentMap.putArray(id);
    }
    ObjectNode semanticModels = root.putObject("semantic_models");
    ObjectNode metrics = root.putObject("metrics");
    ObjectNode savedQueries = root.putObject("saved_queries");
    ObjectNode exposures = root.putObject("exposures");
    ObjectNode groups = root.putObject("groups");
    ObjectNode snapshots = JSON.createObjectNode();
    for (ResourceDef r : dbt.resources()) {
      ObjectNode section = switch (r.type()) {
        case "semantic_model" -> semanticModels;
        case "metric" -> metrics;
        case "saved_query" -> savedQueries;
        case "exposure" -> exposures;
        case "group" -> groups;
        default -> snapshots;
      };
      ObjectNode res = section.putObject(r.uniqueId());
      res.put("unique_id", r.uniqueId());
      res.put("resource_type", r.type());
      res.put("name", r.name());
      res.put("package_name", r.packageName());
      res.put("original_file_path", r.file());
      res.put("path", r.file());
      res.putArray("fqn").add(r.packageName()).add(r.name());
      res.put("description", String.valueOf(r.raw().getOrDefault("description", "")));
      res.set("definition", JSON.valueToTree(r.raw()));
      res.putObject("depends_on").putArray("nodes");
      parentMap.putArray(r.uniqueId());
      childMap.computeIfAbsent(r.uniqueId(), k -> new TreeSet<>());
    }
    ObjectNode macros = root.putObject("macros");
    for (DbtProject.MacroFile m : dbt.macros()) {
      for (String name : macroNames(m.text())) {
        String id = "macro." + m.namespace() + "." + name;
        macros.putObject(id).put("unique_id", id).put("name", name).put("resource_type", "macro")
            .put("package_name", m.namespace()).put("original_file_path", m.relativePath())
            .put("path", m.relativePath()).put("macro_sql", "").put("description", "");
      }
    }
    ObjectNode docs = root.putObject("docs");
    dbt.docs().forEach((name, text) -> {
      String id = "doc." + dbt.name() + "." + name;
      docs.putObject(id).put("unique_id", id).put("name", name).put("resource_type", "doc")
          .put("package_name", dbt.name()).put("block_contents", text.strip());
    });
    root.putObject("selectors");
    root.putObject("disabled");
    root.set("parent_map", parentMap);
    ObjectNode children = root.putObject("child_map");
    childMap.forEach((k, v) -> {
      ArrayNode a = children.putArray(k);
      v.forEach(a::add);
    });
    root.putObject("group_map");
    return write("manifest.json", root);
  }

  private static List<String> macroNames(String text) {
    List<String> names = new java.util.ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{%-?\\s*(macro|test|materialization)\\s+(\\w+)")
        .matcher(text);
    while (m.find()) {
      names.add((m.group(1).equals("test") ? "test_" : m.group(1).equals("materialization") ? "materialization_" : "")
          + m.group(2));
    }
    return names;
  }

  private static ObjectNode column(ObjectNode columns, String name, String description, String type,
      Map<String, Object> meta) {
    ObjectNode c = columns.putObject(name);
    c.put("name", name);
    c.put("description", description == null ? "" : description);
    c.put("data_type", type == null ? null : type.toLowerCase(Locale.ROOT));
    c.set("meta", JSON.valueToTree(meta == null ? Map.of() : meta));
    c.putArray("tags");
    c.putObject("constraints");
    return c;
  }

  private static Properties properties(DbtProject dbt, CompiledNode n) {
    if (n.kind() == NodeKind.MODEL) {
      ModelFile m = dbt.models().get(n.uniqueId());
      return m == null ? Properties.NONE : m.properties();
    }
    if (n.kind() == NodeKind.SEED) {
      SeedFile s = dbt.seeds().get(n.uniqueId());
      return s == null ? Properties.NONE : s.properties();
    }
    return Properties.NONE;
  }

  public Path writeRunResults(String command, String project, String adapter, List<NodeResult> results,
      double elapsedSeconds) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.set("metadata", metadata("run-results", "v6", adapter, project));
    ArrayNode array = root.putArray("results");
    for (NodeResult r : results) {
      ObjectNode result = array.addObject();
      result.put("unique_id", r.uniqueId());
      result.put("status", r.status());
      ArrayNode timing = result.putArray("timing");
      Instant completed = r.startedAt().plus(r.elapsed());
      timing.addObject().put("name", "execute").put("started_at", r.startedAt().toString())
          .put("completed_at", completed.toString());
      result.put("execution_time", r.elapsed().toNanos() / 1e9);
      result.put("failures", r.failures());
      result.put("message", r.message());
      result.put("thread_id", r.threadId());
      result.putObject("adapter_response");
    }
    root.put("elapsed_time", elapsedSeconds);
    root.putObject("args").put("which", command);
    return write("run_results.json", root);
  }

  /** target/sources.json, as {@code dbt source freshness} writes it. */
  public Path writeSources(String project, String adapter, List<SourceFreshness.Result> results) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.set("metadata", metadata("sources", "v3", adapter, project));
    ArrayNode array = root.putArray("results");
    for (SourceFreshness.Result r : results) {
      ObjectNode result = array.addObject();
      result.put("unique_id", r.uniqueId());
      result.put("status", r.status());
      result.put("max_loaded_at", r.maxLoadedAt() == null ? null : r.maxLoadedAt().toString());
      result.put("snapshotted_at", r.snapshottedAt().toString());
      result.put("max_loaded_at_time_ago_in_s", r.ageSeconds());
      result.set("criteria", JSON.valueToTree(r.criteria()));
      result.put("error", r.error());
      result.put("execution_time", r.executionSeconds());
      result.put("thread_id", "Thread-1");
      result.putObject("adapter_response");
      result.putArray("timing");
    }
    root.put("elapsed_time", results.stream().mapToDouble(SourceFreshness.Result::executionSeconds).sum());
    return write("sources.json", root);
  }

  /**
   * target/catalog.json as {@code dbt docs generate} writes it: every built model and seed and
   * every source as the warehouse has them (column names, types, order).
   */
  public Path writeCatalog(DbtProject dbt, CompiledProject project, Warehouse warehouse, String adapter)
      throws IOException, SQLException {
    ObjectNode root = JSON.createObjectNode();
    root.set("metadata", metadata("catalog", "v1", adapter, project.name()));
    ObjectNode nodes = root.putObject("nodes");
    for (CompiledNode n : project.nodes()) {
      if (n.relation() == null) {
        continue;
      }
      int dot = n.relation().lastIndexOf('.');
      catalogEntry(nodes, n.uniqueId(), n.relation().substring(0, dot), n.relation().substring(dot + 1), n.name(),
          n.materialization() != null && n.materialization().equals("view") ? "VIEW" : "BASE TABLE", warehouse);
    }
    ObjectNode sources = root.putObject("sources");
    for (SourceTableDef s : dbt.sources().values()) {
      catalogEntry(sources, s.uniqueId(), s.schema(), s.identifier(), s.tableName(), "BASE TABLE", warehouse);
    }
    root.putObject("errors");
    return write("catalog.json", root);
  }

  private static void catalogEntry(ObjectNode into, String id, String schema, String identifier, String name,
      String type, Warehouse warehouse) throws SQLException {
    if (schema == null || schema.contains("{{")) {
      return;
    }
    List<Warehouse.ColumnInfo> columns = warehouse == null ? List.of() : warehouse.columns(unquote(schema),
        unquote(identifier));
    if (columns.isEmpty()) {
      return; // not built: dbt's catalog lists only what exists
    }
    ObjectNode entry = into.putObject(id);
    entry.put("unique_id", id);
    entry.putObject("metadata").put("type", type).put("schema", unquote(schema)).put("name", unquote(identifier))
        .put("database", (String) null).put("comment", (String) null).put("owner", (String) null);
    ObjectNode cols = entry.putObject("columns");
    int index = 1;
    for (Warehouse.ColumnInfo c : columns) {
      cols.putObject(c.name()).put("type", c.dataType()).put("index", index++).put("name", c.name())
          .put("comment", (String) null);
    }
    entry.putObject("stats").putObject("has_stats").put("id", "has_stats").put("label", "Has Stats?")
        .put("value", false).put("include", false).put("description", "Indicates whether there are statistics");
  }

  private static String unquote(String identifier) {
    return identifier.startsWith("\"") && identifier.endsWith("\"")
        ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"") : identifier;
  }

  private ObjectNode metadata(String artifact, String version, String adapter, String project) {
    ObjectNode metadata = JSON.createObjectNode();
    metadata.put("dbt_schema_version", "https://schemas.getdbt.com/dbt/" + artifact + "/" + version + ".json");
    metadata.put("dbt_version", DbtJinja.DBT_VERSION);
    metadata.put("generated_at", Instant.now().toString());
    metadata.put("invocation_id", java.util.UUID.randomUUID().toString());
    metadata.putObject("env");
    metadata.put("adapter_type", adapter);
    metadata.put("project_name", project);
    metadata.put("project_id", sha256(project).substring(0, 32));
    metadata.put("send_anonymous_usage_stats", false);
    return metadata;
  }

  private Path write(String name, ObjectNode root) throws IOException {
    Files.createDirectories(targetDir);
    Path file = targetDir.resolve(name);
    Files.writeString(file, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    return file;
  }
}
