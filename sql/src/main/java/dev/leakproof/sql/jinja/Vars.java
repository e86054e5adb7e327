package dev.leakproof.sql.jinja;

import dev.leakproof.sql.template.Py;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * dbt's variables as {@code var()} sees them from a node of one package: command-line vars win,
 * then the root project's vars scoped to that package ({@code vars: {pkg: {x: 1}}}), then the
 * root project's global vars, then the package's own dbt_project.yml vars.
 */
public final class Vars {

  private final Map<String, Object> cli;
  private final Map<String, Object> root;
  private final Map<String, Map<String, Object>> packageOwn;
  private final Set<String> packages;

  /**
   * @param cli {@code --vars}
   * @param root the root project's {@code vars:}
   * @param packageOwn each package's own {@code vars:}
   * @param packages every package name (the root's among them), to tell scoped vars from global ones
   */
  public Vars(Map<String, Object> cli, Map<String, Object> root, Map<String, Map<String, Object>> packageOwn,
      Set<String> packages) {
    this.cli = new LinkedHashMap<>(cli);
    this.root = new LinkedHashMap<>(root);
    this.packageOwn = new LinkedHashMap<>(packageOwn);
    this.packages = Set.copyOf(packages);
  }

  /** Only these vars, for tests and tools. */
  public static Vars of(Map<String, Object> vars) {
    return new Vars(vars, Map.of(), Map.of(), Set.of());
  }

  /** The value seen from {@code packageName}, or {@link Py#MISSING}. */
  public Object lookup(String packageName, String name) {
    if (cli.containsKey(name)) {
      return cli.get(name);
    }
    if (packageName != null && root.get(packageName) instanceof Map<?, ?> scoped && scoped.containsKey(name)) {
      return scoped.get(name);
    }
    if (root.containsKey(name) && !packages.contains(name)) {
      return root.get(name);
    }
    Map<String, Object> own = packageName == null ? null : packageOwn.get(packageName);
    if (own != null) {
      if (own.get(packageName) instanceof Map<?, ?> scoped && scoped.containsKey(name)) {
        return scoped.get(name);
      }
      if (own.containsKey(name) && !packages.contains(name)) {
        return own.get(name);
      }
    }
    return Py.MISSING;
  }

  /** Every var a node of the package sees, for messages. */
  public Map<String, Object> visible(String packageName) {
    Map<String, Object> all = new LinkedHashMap<>();
    Map<String, Object> own = packageName == null ? Map.of() : packageOwn.getOrDefault(packageName, Map.of());
    own.forEach((k, v) -> {
      if (!packages.contains(k)) {
        all.put(k, v);
      }
    });
    root.forEach((k, v) -> {
      if (!packages.contains(k)) {
        all.put(k, v);
      }
    });
    if (packageName != null && root.get(packageName) instanceof Map<?, ?> scoped) {
      scoped.forEach((k, v) -> all.put(String.valueOf(k), v));
    }
    all.putAll(cli);
    return all;
  }
}
