package dev.leakproof.sql.jinja;

import java.util.List;
import java.util.Map;

/**
 * A node's SQL after Jinja, with what the template declared while rendering: the models and
 * seeds it refs, the sources it reads, and its {@code config()}.
 */
public record Rendered(String sql, List<Ref> refs, List<String> sources, Map<String, Object> config) {

  /** A {@code ref()} call: the package named, if any, and the node's name. */
  public record Ref(String packageName, String name) {}

  public Rendered {
    refs = List.copyOf(refs);
    sources = List.copyOf(sources);
    config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
  }

  /** The referenced names, in order, without repeats. */
  public List<String> refNames() {
    return refs.stream().map(Ref::name).distinct().toList();
  }
}
