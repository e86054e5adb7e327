package dev.leakproof.sql.run;

import java.util.List;
import java.util.Map;

/**
 * A project compiled for one target: seeds, then models in dependency order, then tests, with the
 * typed rows of each seed.
 */
public record CompiledProject(String name, List<CompiledNode> nodes, Map<String, SeedTable> seeds) {

  public CompiledProject {
    nodes = List.copyOf(nodes);
    seeds = Map.copyOf(seeds);
  }

  public List<CompiledNode> models() {
    return nodes.stream().filter(n -> n.kind() == dev.leakproof.sql.project.NodeKind.MODEL).toList();
  }

  public CompiledNode node(String uniqueId) {
    return nodes.stream().filter(n -> n.uniqueId().equals(uniqueId)).findFirst().orElse(null);
  }
}
