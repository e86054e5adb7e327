package dev.leakproof.sql.jinja;

import dev.leakproof.sql.template.Environment;
import dev.leakproof.sql.template.MacroDefinition;
import dev.leakproof.sql.template.Template;
import dev.leakproof.sql.template.TemplateException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every macro of a project, by package, as dbt's macro resolver holds them: the root project's,
 * each installed package's, and the internal package {@code dbt} (Leakproof's built-in macros).
 * Resolves names the way dbt's context does (the node's own package, then the root project, then
 * {@code dbt}) and {@code adapter.dispatch} through the search order (a {@code dispatch:} entry of
 * dbt_project.yml, else the root project then the macro's package), with the adapter's prefixes
 * ({@code duckdb__}, then {@code default__}) inside each package.
 */
public final class MacroRegistry {

  /** The internal package's name: dbt's global project. */
  public static final String INTERNAL = "dbt";

  private final String root;
  private final Map<String, Map<String, MacroDefinition>> packages = new LinkedHashMap<>();
  private final Map<String, List<String>> searchOrders;
  private final Set<String> dependencies;
  private final List<String> prefixes;
  private final Map<String, String> docs = new LinkedHashMap<>();

  /**
   * @param sources the macro files of every package, the internal one included
   * @param dependencies the packages the project installs (dbt_packages/)
   * @param searchOrders dbt_project.yml's {@code dispatch:} entries, namespace to package order
   * @param adapter the target's adapter type ({@code duckdb}, {@code snowflake})
   * @throws TemplateException when a file does not parse or a package defines a macro twice
   */
  public MacroRegistry(Environment env, List<MacroSource> sources, String root, Set<String> dependencies,
      Map<String, List<String>> searchOrders, String adapter) {
    this.root = root;
    this.dependencies = Set.copyOf(dependencies);
    this.searchOrders = Map.copyOf(searchOrders);
    this.prefixes = List.of(adapter, "default");
    packages.put(INTERNAL, new LinkedHashMap<>());
    packages.computeIfAbsent(root, k -> new LinkedHashMap<>());
    dependencies.forEach(d -> packages.computeIfAbsent(d, k -> new LinkedHashMap<>()));
    for (MacroSource source : sources) {
      Template t = env.parse(source.file(), source.text());
      Map<String, MacroDefinition> names = packages.computeIfAbsent(source.namespace(), k -> new LinkedHashMap<>());
      for (MacroDefinition m : t.macros()) {
        MacroDefinition previous = names.put(m.name(), m);
        if (previous != null && !source.namespace().equals(INTERNAL)) {
          throw new TemplateException(source.file(), m.line(), "dbt found two macros named \"" + m.name()
              + "\" in the project \"" + source.namespace() + "\": " + previous.file() + " and " + m.file());
        }
      }
      docs.putAll(t.docs());
    }
  }

  public String root() {
    return root;
  }

  /** The packages with macros or models, the root and internal ones included. */
  public Set<String> packageNames() {
    return packages.keySet();
  }

  /** The {@code {% docs %}} blocks found in macro files. */
  public Map<String, String> docs() {
    return docs;
  }

  /** A package's macro, or null. */
  public MacroDefinition get(String packageName, String name) {
    Map<String, MacroDefinition> m = packages.get(packageName);
    return m == null ? null : m.get(name);
  }

  /** True when the package is installed (or is the root or internal one). */
  public boolean hasPackage(String name) {
    return packages.containsKey(name);
  }

  /**
   * An unqualified name as a node of {@code nodePackage} sees it: its own package's macro, the
   * root project's, then the internal one's; null when there is none.
   */
  public MacroDefinition resolve(String nodePackage, String name) {
    MacroDefinition m = nodePackage == null ? null : get(nodePackage, name);
    if (m == null) {
      m = get(root, name);
    }
    if (m == null) {
      m = get(INTERNAL, name);
    }
    return m;
  }

  /**
   * dbt's {@code adapter.dispatch(name, namespace)}.
   *
   * @throws TemplateException listing every name searched when none exists
   */
  public MacroDefinition dispatch(String nodePackage, String name, String namespace) {
    if (name.contains(".")) {
      String[] parts = name.split("\\.", 2);
      throw new TemplateException("In adapter.dispatch, got a macro name of \"" + name + "\", but \".\" is not a "
          + "valid macro name component. Did you mean `adapter.dispatch(\"" + parts[1] + "\", macro_namespace=\""
          + parts[0] + "\")`?");
    }
    List<String> searched = new ArrayList<>();
    for (String pkg : searchPackages(namespace)) {
      for (String prefix : prefixes) {
        String candidate = prefix + "__" + name;
        MacroDefinition m;
        if (pkg == null) {
          m = resolve(nodePackage, candidate);
          searched.add("'" + candidate + "'");
        } else {
          if (!packages.containsKey(pkg)) {
            throw new TemplateException("Could not find package '" + pkg + "', called with macro dispatch '"
                + name + "'");
          }
          m = get(pkg, candidate);
          searched.add("'" + pkg + "." + candidate + "'");
        }
        if (m != null) {
          return m;
        }
      }
    }
    throw new TemplateException("In dispatch: No macro named '" + name + "' found within namespace: '"
        + (namespace == null ? "None" : namespace) + "'\n    Searched for: " + String.join(", ", searched));
  }

  private List<String> searchPackages(String namespace) {
    List<String> order = new ArrayList<>();
    if (namespace == null) {
      order.add(null);
    } else if (searchOrders.containsKey(namespace)) {
      order.addAll(searchOrders.get(namespace));
    } else if (dependencies.contains(namespace)) {
      order.add(root);
      order.add(namespace);
    } else {
      order.add(null);
    }
    return order;
  }
}
