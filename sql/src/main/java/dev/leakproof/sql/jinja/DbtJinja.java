package dev.leakproof.sql.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jinja for dbt projects, on HubSpot's Jinjava: dbt's context ({@code ref}, {@code source},
 * {@code config}, {@code var}, {@code env_var}, {@code this}, {@code target},
 * {@code is_incremental}, {@code run_query}, {@code execute}, ...), the macros of the root
 * project, of the packages in dbt_packages/ (each under its namespace) and dbt's built-in
 * cross-database macros, with {@code adapter.dispatch} resolved for the target's adapter. Errors
 * are reported with the file and line.
 */
public final class DbtJinja {

  /** The target a render is for: what {@code target.*} prints. */
  public record TargetInfo(String name, String type, String schema, String database) {

    Map<String, Object> asMap() {
      Map<String, Object> m = new HashMap<>();
      m.put("name", name);
      m.put("type", type);
      m.put("schema", schema);
      m.put("database", database == null ? "" : database);
      m.put("threads", 1);
      return m;
    }
  }

  /** {@code exceptions.raise_compiler_error(msg)} and {@code exceptions.warn(msg)} as in dbt. */
  public static final class Exceptions {
    public String raise_compiler_error(String message) {
      throw new IllegalArgumentException("Compilation Error: " + message);
    }

    public String warn(String message) {
      org.slf4j.LoggerFactory.getLogger("dbt.warn").warn(message);
      return "";
    }
  }

  private final Jinjava jinjava;
  private final TargetInfo target;
  private final Map<String, Object> vars;
  private final MacroPreprocessor preprocessor;
  private final Map<String, Map<String, MacroFunction>> namespaces = new LinkedHashMap<>();
  private final Map<String, Object> flags;

  /**
   * @param macros the project's, the packages' and the built-in macro files
   * @param rootNamespace the root project's name: its macros win over packages'
   * @param vars project variables overridden by command-line ones
   * @param flags dbt's {@code flags} ({@code FULL_REFRESH}, ...)
   */
  public DbtJinja(List<MacroSource> macros, String rootNamespace, TargetInfo target, Map<String, Object> vars,
      Map<String, Object> flags) throws RenderException {
    this.jinjava = new Jinjava(JinjavaConfig.newBuilder().withFailOnUnknownTokens(false).build());
    this.target = target;
    this.vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    this.flags = Map.copyOf(flags);
    for (String name : List.of("ref", "config", "var", "env_var", "doc", "log")) {
      register(name, name, Object[].class);
    }
    register("source", "source", String.class, String.class);
    register("is_incremental", "is_incremental");
    register("run_query", "run_query", String.class);
    register("load_result", "load_result", String.class);
    register("__statement", "__statement", Object.class, Object.class, Object.class);
    register("return", "__return", Object.class);
    register("__escape_quotes", "__escape_quotes", Object.class);
    Map<String, Set<String>> names = new LinkedHashMap<>();
    for (MacroSource m : macros) {
      names.computeIfAbsent(m.namespace(), k -> new LinkedHashSet<>()).addAll(MacroPreprocessor.macroNames(m.text()));
    }
    this.preprocessor = new MacroPreprocessor(target.type(), rootNamespace, names);
    List<MacroSource> ordered = new ArrayList<>(macros);
    ordered.sort((a, b) -> Boolean.compare(a.namespace().equals(rootNamespace), b.namespace().equals(rootNamespace)));
    for (MacroSource m : ordered) {
      defineMacros(m);
    }
  }

  private void register(String name, String method, Class<?>... params) {
    jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", name, DbtFunctions.class, method, params));
  }

  /** Defines a file's macros globally (the root project's last, so they win) and in its namespace. */
  private void defineMacros(MacroSource source) throws RenderException {
    String text = preprocessor.process(source);
    JinjavaInterpreter interpreter = jinjava.newInterpreter();
    JinjavaInterpreter.pushCurrent(interpreter);
    try {
      interpreter.render(text);
      failOnErrors(source.file(), interpreter.getErrorsCopy());
      for (MacroFunction macro : interpreter.getContext().getGlobalMacros().values()) {
        jinjava.getGlobalContext().addGlobalMacro(macro);
        namespaces.computeIfAbsent(source.namespace(), k -> new LinkedHashMap<>()).put(macro.getName(), macro);
      }
    } finally {
      JinjavaInterpreter.popCurrent();
    }
  }

  /** True when a macro of that name is defined ({@code test_unique}, {@code my_macro}). */
  public boolean hasMacro(String name) {
    return namespaces.values().stream().anyMatch(m -> m.containsKey(name));
  }

  /**
   * Renders one node's template.
   *
   * @param self the node's own relation ({@code this}); null for tests
   * @param relations how ref() and source() print
   * @param incremental whether {@code is_incremental()} is true for this render
   * @param queries runs {@code run_query}; null when no warehouse is connected ({@code execute} is
   *     then false, as in dbt's parse phase)
   */
  public Rendered render(String file, String template, Relations.Relation self, Relations relations,
      boolean incremental, QueryRunner queries) throws RenderException {
    RenderState state = new RenderState(file, relations, vars, incremental, queries);
    state.enter();
    try {
      Map<String, Object> bindings = new HashMap<>(namespaces);
      bindings.put("target", target.asMap());
      bindings.put("this", self);
      bindings.put("exceptions", new Exceptions());
      bindings.put("execute", queries != null);
      bindings.put("flags", flags);
      bindings.put("project_name", vars.getOrDefault("__project_name__", ""));
      RenderResult result = jinjava.renderForResult(preprocessor.processTemplate(file, template), bindings);
      failOnErrors(file, result.getErrors());
      return new Rendered(result.getOutput(), state.refs, state.sources, state.config);
    } finally {
      RenderState.exit();
    }
  }

  private static void failOnErrors(String file, List<TemplateError> errors) throws RenderException {
    for (TemplateError e : errors) {
      if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
        String message = e.getMessage();
        Throwable cause = e.getException();
        while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
          cause = cause.getCause();
        }
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
          message = cause.getMessage();
        }
        throw new RenderException(file + ":" + e.getLineno() + ": " + message);
      }
    }
  }
}
