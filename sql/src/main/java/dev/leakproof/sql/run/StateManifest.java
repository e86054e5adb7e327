package dev.leakproof.sql.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakproof.sql.project.ProjectException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The nodes of a previous run's manifest ({@code --state <dir>}), for {@code state:new} and
 * {@code state:modified}: each node's file checksum and its config as written.
 */
public record StateManifest(Map<String, String> checksums, Map<String, String> configs) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static StateManifest read(Path dir) throws IOException {
    Path file = Files.isDirectory(dir) ? dir.resolve("manifest.json") : dir;
    if (!Files.exists(file)) {
      throw new ProjectException("Cannot select by state: " + file + " does not exist (point --state at the target/ "
          + "folder of an earlier run)");
    }
    JsonNode root = JSON.readTree(file.toFile());
    Map<String, String> checksums = new HashMap<>();
    Map<String, String> configs = new HashMap<>();
    for (String section : new String[] {"nodes", "sources", "unit_tests"}) {
      root.path(section).fields().forEachRemaining(e -> {
        checksums.put(e.getKey(), e.getValue().path("checksum").path("checksum").asText(""));
        configs.put(e.getKey(), Artifacts.canonical(e.getValue().path("config")));
      });
    }
    return new StateManifest(checksums, configs);
  }

  /** True when the node did not exist in the state manifest. */
  public boolean isNew(String uniqueId) {
    return !checksums.containsKey(uniqueId);
  }

  /** True when the node is new, or its file or config changed. */
  public boolean isModified(String uniqueId, String checksum, String config) {
    return isNew(uniqueId) || !checksums.get(uniqueId).equals(checksum) || !configs.get(uniqueId).equals(config);
  }
}
