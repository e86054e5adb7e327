package dev.leakproof.sql.jinja;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns dbt's Jinja dialect into what Jinjava runs: generic tests ({@code {% test x(...) %}})
 * become macros named {@code test_x}, and {@code adapter.dispatch('name', 'namespace')(...)} is
 * resolved, for the target's adapter, to the macro it dispatches to ({@code duckdb__name}, else
 * {@code default__name}; the root project first, then the namespace), as Jinjava cannot call the
 * result of a call.
 */
final class MacroPreprocessor {

  private static final Pattern TEST_OPEN = Pattern.compile("\\{%(-?)\\s*test\\s+(\\w+)\\s*\\(");
  private static final Pattern TEST_CLOSE = Pattern.compile("\\{%(-?)\\s*endtest\\s*(-?)%}");
  private static final Pattern MACRO_NAME = Pattern.compile("\\{%-?\\s*(macro|test)\\s+(\\w+)\\s*\\(");
  private static final Pattern DISPATCH = Pattern.compile(
      "adapter\\.dispatch\\(\\s*(['\"])(\\w+)\\1\\s*(?:,\\s*(?:macro_namespace\\s*=\\s*)?(['\"])(\\w+)\\3\\s*)?\\)\\s*\\(");

  private final String adapter;
  private final String rootNamespace;
  private final Map<String, Set<String>> macrosByNamespace;

  /**
   * @param macrosByNamespace every macro name defined, per namespace (see {@link #macroNames})
   */
  MacroPreprocessor(String adapter, String rootNamespace, Map<String, Set<String>> macrosByNamespace) {
    this.adapter = adapter;
    this.rootNamespace = rootNamespace;
    this.macrosByNamespace = macrosByNamespace;
  }

  /** The names of the macros (tests as {@code test_name}) a file defines. */
  static List<String> macroNames(String text) {
    Matcher m = MACRO_NAME.matcher(text);
    java.util.ArrayList<String> names = new java.util.ArrayList<>();
    while (m.find()) {
      names.add((m.group(1).equals("test") ? "test_" : "") + m.group(2));
    }
    return names;
  }

  /** Rewrites one file of its namespace. */
  String process(MacroSource source) throws RenderException {
    String text = TEST_OPEN.matcher(source.text()).replaceAll("{%$1 macro test_$2(");
    text = TEST_CLOSE.matcher(text).replaceAll("{%$1 endmacro $2%}");
    return dispatch(source.file(), source.namespace(), text);
  }

  /** Rewrites a model's or test's template (dispatch resolves in the root namespace). */
  String processTemplate(String file, String text) throws RenderException {
    return dispatch(file, rootNamespace, text);
  }

  private String dispatch(String file, String ownNamespace, String text) throws RenderException {
    Matcher m = DISPATCH.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(2);
      String namespace = m.group(4) != null ? m.group(4) : ownNamespace;
      m.appendReplacement(out, Matcher.quoteReplacement(resolve(file, name, namespace) + "("));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String resolve(String file, String name, String namespace) throws RenderException {
    for (String candidate : List.of(adapter + "__" + name, "default__" + name)) {
      if (macrosByNamespace.getOrDefault(rootNamespace, Set.of()).contains(candidate)) {
        return candidate;
      }
      if (macrosByNamespace.getOrDefault(namespace, Set.of()).contains(candidate)) {
        return namespace + "." + candidate;
      }
    }
    throw new RenderException(file + ": Cannot dispatch " + name + " in namespace " + namespace + ": no macro "
        + adapter + "__" + name + " or default__" + name);
  }
}
