package dev.leakproof.sql.run;

import dev.leakproof.sql.project.NodeKind;
import java.util.List;
import java.util.Map;

/**
 * A project compiled for one target: seeds, then models in dependency order, then tests, unit
 * tests and analyses, with the typed rows of each seed (by unique id) and what the compiler
 * warned about.
 */
public record CompiledProject(String name, List<CompiledNode> nodes, Map<String, SeedTable> seeds,
    List<String> warnings) {

  public CompiledProject {
    nodes = List.copyOf(nodes);
    seeds = Map.copyOf(seeds);
    warnings = List.copyOf(warnings);
  }

  public CompiledProject(String name, List<CompiledNode> nodes, Map<String, SeedTable> seeds) {
    this(name, nodes, seeds, List.of());
  }

  public List<CompiledNode> models() {
    return nodes.stream().filter(n -> n.kind() == NodeKind.MODEL).toList();
  }

  public CompiledNode node(String uniqueId) {
    return nodes.stream().filter(n -> n.uniqueId().equals(uniqueId)).findFirst().orElse(null);
  }

  /** A model or seed by name: the root project's first. */
  public CompiledNode byName(String name) {
    CompiledNode own = node("model." + this.name + "." + name);
    if (own == null) {
      own = node("seed." + this.name + "." + name);
    }
    if (own != null) {
      return own;
    }
    return nodes.stream().filter(n -> (n.kind() == NodeKind.MODEL || n.kind() == NodeKind.SEED)
        && n.name().equals(name)).findFirst().orElse(null);
  }
}
