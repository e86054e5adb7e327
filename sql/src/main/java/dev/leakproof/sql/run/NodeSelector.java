package dev.leakproof.sql.run;

import dev.leakproof.sql.project.NodeKind;
import dev.leakproof.sql.project.ProjectException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbt's node selection syntax over a compiled project: space-separated terms are a union, commas
 * inside a term an intersection; a term is a name (with {@code *} wildcards), {@code path:},
 * {@code tag:}, {@code config.materialized:} or {@code resource_type:}, with graph operators
 * {@code +x} (and its ancestors), {@code x+} (and its descendants), {@code 2+x}, {@code x+1}.
 * Tests follow the nodes they test (dbt's eager indirect selection).
 */
public final class NodeSelector {

  private static final Pattern TERM = Pattern.compile("^(\\d*\\+)?([^+]+?)(\\+\\d*)?$");

  private final CompiledProject project;
  private final Map<String, Set<String>> parents = new HashMap<>();
  private final Map<String, Set<String>> children = new HashMap<>();

  public NodeSelector(CompiledProject project) {
    this.project = project;
    for (CompiledNode n : project.nodes()) {
      for (String p : n.dependsOn()) {
        parents.computeIfAbsent(n.uniqueId(), k -> new LinkedHashSet<>()).add(p);
        children.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(n.uniqueId());
      }
    }
  }

  /** Whether tests follow the nodes they test (dbt's {@code --indirect-selection}). */
  public enum Indirect { EAGER, NONE }

  /** The unique ids selected, tests of selected nodes included (dbt's default). */
  public Set<String> select(String select, String exclude) {
    return select(select, exclude, Indirect.EAGER);
  }

  /** The unique ids selected by {@code select} (null or blank: everything) minus {@code exclude}. */
  public Set<String> select(String select, String exclude, Indirect indirect) {
    Set<String> chosen = new LinkedHashSet<>();
    if (select == null || select.isBlank()) {
      project.nodes().forEach(n -> chosen.add(n.uniqueId()));
    } else {
      chosen.addAll(union(select));
    }
    if (exclude != null && !exclude.isBlank()) {
      chosen.removeAll(union(exclude));
    }
    for (CompiledNode n : project.nodes()) {
      if (indirect == Indirect.EAGER && n.kind() == NodeKind.TEST && n.dependsOn().stream().anyMatch(chosen::contains)
          && (exclude == null || exclude.isBlank() || !union(exclude).contains(n.uniqueId()))) {
        chosen.add(n.uniqueId());
      }
    }
    return chosen;
  }

  private Set<String> union(String spec) {
    Set<String> result = new LinkedHashSet<>();
    for (String term : spec.trim().split("\\s+")) {
      Set<String> intersection = null;
      for (String part : term.split(",")) {
        Set<String> matched = term(part);
        if (intersection == null) {
          intersection = matched;
        } else {
          intersection.retainAll(matched);
        }
      }
      result.addAll(intersection);
    }
    return result;
  }

  private Set<String> term(String part) {
    Matcher m = TERM.matcher(part);
    if (!m.matches()) {
      throw new ProjectException("Invalid selector: '" + part + "'");
    }
    Set<String> base = new LinkedHashSet<>();
    for (CompiledNode n : project.nodes()) {
      if (matches(n, m.group(2))) {
        base.add(n.uniqueId());
      }
    }
    if (base.isEmpty()) {
      throw new ProjectException("Invalid selector: '" + part + "' matches no node");
    }
    Set<String> result = new LinkedHashSet<>(base);
    if (m.group(1) != null) {
      result.addAll(walk(base, parents, depth(m.group(1).replace("+", ""))));
    }
    if (m.group(3) != null) {
      result.addAll(walk(base, children, depth(m.group(3).replace("+", ""))));
    }
    return result;
  }

  private static int depth(String digits) {
    return digits.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(digits);
  }

  private static Set<String> walk(Set<String> from, Map<String, Set<String>> edges, int depth) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<Map.Entry<String, Integer>> queue = new ArrayDeque<>();
    from.forEach(id -> queue.add(Map.entry(id, 0)));
    while (!queue.isEmpty()) {
      Map.Entry<String, Integer> e = queue.poll();
      if (e.getValue() >= depth) {
        continue;
      }
      for (String next : edges.getOrDefault(e.getKey(), Set.of())) {
        if (seen.add(next)) {
          queue.add(Map.entry(next, e.getValue() + 1));
        }
      }
    }
    return seen;
  }

  private static boolean matches(CompiledNode n, String selector) {
    int colon = selector.indexOf(':');
    String method = colon < 0 ? "" : selector.substring(0, colon);
    String value = colon < 0 ? selector : selector.substring(colon + 1);
    return switch (method) {
      case "" -> glob(value).matcher(n.name()).matches() || glob(value).matcher(fqn(n)).matches();
      case "path" -> n.file() != null && (n.file().equals(value) || n.file().startsWith(value.endsWith("/") ? value : value + "/"));
      case "tag" -> tags(n).contains(value);
      case "config.materialized" -> value.equals(n.materialization());
      case "resource_type" -> n.kind().name().toLowerCase(Locale.ROOT).equals(value);
      default -> throw new ProjectException("Invalid selector method: " + method + " (name, path, tag, "
          + "config.materialized, resource_type)");
    };
  }

  private static String fqn(CompiledNode n) {
    String path = n.file() == null ? n.name() : n.file().replaceAll("\\.\\w+$", "");
    return path.replaceFirst("^[^/]+/", "").replace('/', '.');
  }

  private static List<String> tags(CompiledNode n) {
    Object tags = n.config().get("tags");
    if (tags instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return tags == null ? List.of() : List.of(String.valueOf(tags));
  }

  private static Pattern glob(String value) {
    return Pattern.compile(Pattern.quote(value).replace("*", "\\E.*\\Q"));
  }
}
