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
 * {@code tag:}, {@code config.<key>:}, {@code resource_type:}, {@code package:},
 * {@code source:}, {@code test_type:} ({@code generic}, {@code singular}, {@code unit}),
 * {@code test_name:}, {@code fqn:} or {@code state:} ({@code new}, {@code modified}, with
 * {@code --state}), with graph operators {@code +x} (and its ancestors), {@code x+} (and its
 * descendants), {@code 2+x}, {@code x+1} and {@code @x} (x, its descendants and their
 * ancestors). {@code --exclude} takes the same syntax. Tests follow the nodes they test (dbt's
 * eager indirect selection: a test is selected when any node it tests is).
 */
public final class NodeSelector {

  private static final Pattern TERM = Pattern.compile("^(@|\\d*\\+)?([^+@]+?)(\\+\\d*)?$");

  private final CompiledProject project;
  private final Map<String, Set<String>> parents = new HashMap<>();
  private final Map<String, Set<String>> children = new HashMap<>();

  private final StateManifest state;

  public NodeSelector(CompiledProject project) {
    this(project, null);
  }

  /** @param state the manifest {@code state:} selectors compare with; null when none was given */
  public NodeSelector(CompiledProject project, StateManifest state) {
    this.project = project;
    this.state = state;
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
      boolean test = n.kind() == NodeKind.TEST || n.kind() == NodeKind.UNIT_TEST;
      boolean parentsChosen = n.dependsOn().stream().anyMatch(chosen::contains);
      if (indirect == Indirect.EAGER && test && parentsChosen && !n.dependsOn().isEmpty()
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
    String selector = m.group(2);
    if (selector.startsWith("source:")) {
      String wanted = selector.substring("source:".length());
      for (String id : sourceIds()) {
        String key = id.substring(id.indexOf('.', "source.".length()) + 1);
        if (glob(wanted).matcher(key).matches() || glob(wanted).matcher(key.split("\\.")[0]).matches()) {
          base.add(id);
        }
      }
    }
    for (CompiledNode n : project.nodes()) {
      if (matches(n, selector)) {
        base.add(n.uniqueId());
      }
    }
    if (base.isEmpty()) {
      throw new ProjectException("Invalid selector: '" + part + "' matches no node");
    }
    Set<String> result = new LinkedHashSet<>(base);
    if ("@".equals(m.group(1))) {
      Set<String> down = new LinkedHashSet<>(base);
      down.addAll(walk(base, children, Integer.MAX_VALUE));
      result.addAll(down);
      result.addAll(walk(down, parents, Integer.MAX_VALUE));
      return result;
    }
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

  private Set<String> sourceIds() {
    Set<String> ids = new LinkedHashSet<>();
    project.nodes().forEach(n -> n.dependsOn().stream().filter(d -> d.startsWith("source.")).forEach(ids::add));
    return ids;
  }

  private boolean matches(CompiledNode n, String selector) {
    int colon = selector.indexOf(':');
    String method = colon < 0 ? "" : selector.substring(0, colon);
    String value = colon < 0 ? selector : selector.substring(colon + 1);
    if (method.startsWith("config.")) {
      Object v = n.config().get(method.substring("config.".length()));
      if (v instanceof List<?> list) {
        return list.stream().anyMatch(x -> String.valueOf(x).equals(value));
      }
      return v != null && String.valueOf(v).equalsIgnoreCase(value);
    }
    return switch (method) {
      case "" -> value.contains("/") || value.endsWith(".sql") || value.endsWith(".csv") ? path(n, value)
          : glob(value).matcher(n.name()).matches() || fqnMatches(n, value);
      case "fqn" -> fqnMatches(n, value);
      case "path", "file" -> path(n, value);
      case "tag" -> tags(n).contains(value);
      case "resource_type" -> n.kind().resourceType().equals(value);
      case "package" -> n.packageName() != null && glob(value).matcher(n.packageName()).matches();
      case "source" -> false;
      case "test_name" -> n.kind() == NodeKind.TEST && glob(value).matcher(String.valueOf(
          n.testMetadata().getOrDefault("name", n.name()))).matches();
      case "test_type" -> switch (value) {
        case "generic" -> n.kind() == NodeKind.TEST && !n.testMetadata().isEmpty();
        case "singular" -> n.kind() == NodeKind.TEST && n.testMetadata().isEmpty();
        case "unit" -> n.kind() == NodeKind.UNIT_TEST;
        case "data" -> n.kind() == NodeKind.TEST;
        default -> throw new ProjectException("Invalid selector: test_type:" + value + " (generic, singular, unit, data)");
      };
      case "state" -> {
        if (state == null) {
          throw new ProjectException("Invalid selector: state:" + value + " needs --state <dir of an earlier manifest.json>");
        }
        yield switch (value) {
          case "new" -> state.isNew(n.uniqueId());
          case "modified" -> state.isModified(n.uniqueId(), Artifacts.checksum(n), Artifacts.canonical(Artifacts.manifestConfig(n)));
          case "unmodified" -> !state.isModified(n.uniqueId(), Artifacts.checksum(n), Artifacts.canonical(Artifacts.manifestConfig(n)));
          case "old" -> !state.isNew(n.uniqueId());
          default -> throw new ProjectException("Invalid selector: state:" + value + " (new, modified, old, unmodified)");
        };
      }
      default -> throw new ProjectException("Invalid selector method: " + method + " (name, fqn, path, tag, config.<key>, "
          + "resource_type, package, source, test_type, test_name, state)");
    };
  }

  private static boolean path(CompiledNode n, String value) {
    String v = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    return n.file() != null && (n.file().equals(v) || n.file().startsWith(v + "/")
        || n.file().endsWith("/" + v) || n.file().contains("/" + v + "/"));
  }

  /** dbt's fqn selection: {@code pkg.folder.name}, a prefix of it, or {@code folder.name} without the package. */
  private static boolean fqnMatches(CompiledNode n, String value) {
    if (n.fqn().isEmpty()) {
      return false;
    }
    String full = String.join(".", n.fqn());
    String local = String.join(".", n.fqn().subList(1, n.fqn().size()));
    Pattern p = glob(value);
    return p.matcher(full).matches() || p.matcher(local).matches() || full.startsWith(value + ".")
        || local.startsWith(value + ".") || value.equals(n.packageName());
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
