package dev.leakproof.connectors.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads and validates the sync files of a folder: one {@code <name>.yml} per sync. */
public final class SyncSpecLoader {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private SyncSpecLoader() {}

  /** Every sync of the folder, by name; files whose name starts with {@code _} are not syncs. */
  public static Map<String, SyncSpec> loadAll(Path dir) throws IOException {
    Map<String, SyncSpec> specs = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("Invalid syncs folder: " + dir + " is not a folder");
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
          .filter(p -> !p.getFileName().toString().startsWith("_")).sorted().toList()) {
        SyncSpec spec = load(f);
        if (specs.put(spec.name(), spec) != null) {
          throw new IllegalArgumentException("Invalid syncs folder: two syncs named " + spec.name());
        }
      }
    }
    return specs;
  }

  public static SyncSpec load(Path file) throws IOException {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read " + file + ": " + e.getMessage().split("\n")[0]);
    }
    String where = file.getFileName().toString();
    JsonNode source = required(root, "source", where);
    JsonNode destination = required(root, "destination", where);
    Map<String, String> mappings = new LinkedHashMap<>();
    JsonNode m = required(root, "mappings", where);
    if (m.isObject()) {
      m.fields().forEachRemaining(e -> mappings.put(e.getKey(), e.getValue().asText()));
    } else {
      for (JsonNode entry : m) {
        mappings.put(text(entry, "from", where), text(entry, "to", where));
      }
    }
    java.util.List<String> createOnly = new java.util.ArrayList<>();
    root.path("create_only").forEach(n -> createOnly.add(n.asText()));
    JsonNode g = root.path("guardrails");
    Guardrails guardrails = new Guardrails(
        g.hasNonNull("max_change_pct") ? g.get("max_change_pct").asDouble() : null,
        g.path("max_deletes").asInt(0),
        g.path("allow_null_overwrite").asBoolean(false) ? Guardrails.NullOverwrite.ALLOW : Guardrails.NullOverwrite.REFUSE);
    return new SyncSpec(text(root, "name", where), root.path("description").asText(""), text(source, "model", where),
        text(source, "primary_key", where), text(destination, "type", where), text(destination, "object", where),
        destination.hasNonNull("external_id_field") ? destination.get("external_id_field").asText() : null,
        SyncMode.parse(root.path("mode").asText("upsert"), where), mappings, createOnly, guardrails,
        root.path("batch_size").asInt(10_000));
  }

  private static JsonNode required(JsonNode node, String key, String where) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("Invalid sync file " + where + ": missing " + key);
    }
    return value;
  }

  private static String text(JsonNode node, String key, String where) {
    String value = required(node, key, where).asText();
    if (value.isBlank()) {
      throw new IllegalArgumentException("Invalid sync file " + where + ": " + key + " is empty");
    }
    return value;
  }
}
