package dev.leakproof.sql.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakproof.sql.project.DbtProject;
import dev.leakproof.sql.project.NodeKind;
import dev.leakproof.sql.project.SourceTableDef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * dbt's artifacts in target/: compiled SQL per node under {@code compiled/<project>/},
 * {@code manifest.json} (nodes, sources, depends_on, parent and child maps) and
 * {@code run_results.json} (status, timing, failures per node), in the shape of dbt's schemas for
 * the fields tools read.
 */
public final class Artifacts {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path targetDir;

  public Artifacts(Path targetDir) {
    this.targetDir = targetDir;
  }

  /** Writes each node's SQL in the target's dialect, where dbt writes compiled SQL. */
  public void writeCompiled(CompiledProject project) throws IOException {
    for (CompiledNode node : project.nodes()) {
      if (node.kind() == NodeKind.SEED) {
        continue;
      }
      String file = node.kind() == NodeKind.MODEL ? node.file()
          : node.file().replaceAll("\\.(yml|yaml|sql)$", "") + "/" + node.name() + ".sql";
      Path out = targetDir.resolve("compiled").resolve(project.name()).resolve(file);
      Files.createDirectories(out.getParent());
      Files.writeString(out, node.sql() + "\n", StandardCharsets.UTF_8);
    }
  }

  public Path writeManifest(DbtProject dbt, CompiledProject project, String adapter) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.set("metadata", metadata("manifest", adapter, project.name()));
    ObjectNode nodes = root.putObject("nodes");
    Map<String, TreeSet<String>> childMap = new TreeMap<>();
    ObjectNode parentMap = JSON.createObjectNode();
    for (CompiledNode n : project.nodes()) {
      ObjectNode node = nodes.putObject(n.uniqueId());
      node.put("unique_id", n.uniqueId());
      node.put("resource_type", n.kind().name().toLowerCase(Locale.ROOT));
      node.put("name", n.name());
      node.put("package_name", project.name());
      node.put("original_file_path", n.file());
      node.put("path", n.file() == null ? null : n.file().replaceFirst("^[^/]+/", ""));
      ArrayNode fqn = node.putArray("fqn");
      fqn.add(project.name());
      if (n.file() != null) {
        String[] parts = n.file().replaceAll("\\.\\w+$", "").split("/");
        for (int i = 1; i < parts.length - 1; i++) {
          fqn.add(parts[i]);
        }
      }
      fqn.add(n.name());
      ObjectNode config = node.putObject("config");
      n.config().forEach((k, v) -> config.set(k, JSON.valueToTree(v)));
      if (n.materialization() != null) {
        config.put("materialized", n.materialization());
      }
      if (n.relation() != null) {
        node.put("schema", n.relation().substring(0, n.relation().indexOf('.')));
        node.put("relation_name", n.relation());
      }
      ArrayNode depends = node.putObject("depends_on").putArray("nodes");
      n.dependsOn().forEach(depends::add);
      node.put("raw_code", n.rawSql());
      node.put("compiled_code", n.sql());
      ObjectNode columns = node.putObject("columns");
      if (n.rowType() != null) {
        n.rowType().getFieldList().forEach(f -> columns.putObject(f.getName()).put("name", f.getName())
            .put("data_type", f.getType().getSqlTypeName().getName().toLowerCase(Locale.ROOT)));
      }
      ArrayNode parents = parentMap.putArray(n.uniqueId());
      n.dependsOn().forEach(parents::add);
      n.dependsOn().forEach(p -> childMap.computeIfAbsent(p, k -> new TreeSet<>()).add(n.uniqueId()));
    }
    ObjectNode sources = root.putObject("sources");
    for (SourceTableDef s : dbt.sources().values()) {
      String id = "source." + project.name() + "." + s.key();
      ObjectNode source = sources.putObject(id);
      source.put("unique_id", id);
      source.put("resource_type", "source");
      source.put("source_name", s.sourceName());
      source.put("name", s.tableName());
      source.put("schema", s.schema());
      source.put("identifier", s.identifier());
      source.put("original_file_path", s.file());
    }
    root.set("parent_map", parentMap);
    ObjectNode children = root.putObject("child_map");
    childMap.forEach((k, v) -> {
      ArrayNode a = children.putArray(k);
      v.forEach(a::add);
    });
    return write("manifest.json", root);
  }

  public Path writeRunResults(String command, String project, String adapter, List<NodeResult> results,
      double elapsedSeconds) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.set("metadata", metadata("run-results", adapter, project));
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
      result.put("thread_id", "Thread-1");
      result.putObject("adapter_response");
    }
    root.put("elapsed_time", elapsedSeconds);
    root.putObject("args").put("which", command);
    return write("run_results.json", root);
  }

  private ObjectNode metadata(String artifact, String adapter, String project) {
    ObjectNode metadata = JSON.createObjectNode();
    String version = artifact.equals("manifest") ? "v12" : "v6";
    metadata.put("dbt_schema_version", "https://schemas.getdbt.com/dbt/" + artifact + "/" + version + ".json");
    metadata.put("dbt_version", "1.9.0 (Leakproof engine)");
    metadata.put("generated_at", Instant.now().toString());
    metadata.put("adapter_type", adapter);
    metadata.put("project_name", project);
    return metadata;
  }

  private Path write(String name, ObjectNode root) throws IOException {
    Files.createDirectories(targetDir);
    Path file = targetDir.resolve(name);
    Files.writeString(file, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    return file;
  }
}
