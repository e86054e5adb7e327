package dev.leakproof.sql.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Jinja for dbt projects, on HubSpot's Jinjava: dbt's context functions, the project's macros
 * defined once and callable from every model, and errors reported with the file and line.
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

  /** {@code exceptions.raise_compiler_error(msg)} as in dbt. */
  public static final class Exceptions {
    public String raise_compiler_error(String message) {
      throw new IllegalArgumentException("Compilation Error: " + message);
    }

    public String warn(String message) {
      return "";
    }
  }

  private final Jinjava jinjava;
  private final TargetInfo target;
  private final Map<String, Object> vars;

  /**
   * @param macroFiles texts of the project's macro files (and generic tests), each {@code
   *     (relativePath, text)}
   * @param vars project variables overridden by command-line ones
   */
  public DbtJinja(List<Map.Entry<String, String>> macroFiles, TargetInfo target, Map<String, Object> vars)
      throws RenderException {
    this.jinjava = new Jinjava(JinjavaConfig.newBuilder().withFailOnUnknownTokens(true).build());
    this.target = target;
    this.vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    register("ref", Object[].class);
    register("source", String.class, String.class);
    register("config", Object[].class);
    register("var", Object[].class);
    register("env_var", Object[].class);
    register("is_incremental");
    for (Map.Entry<String, String> file : macroFiles) {
      defineMacros(file.getKey(), file.getValue());
    }
  }

  private void register(String name, Class<?>... params) {
    jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", name, DbtFunctions.class, name, params));
  }

  private void defineMacros(String file, String text) throws RenderException {
    JinjavaInterpreter interpreter = jinjava.newInterpreter();
    JinjavaInterpreter.pushCurrent(interpreter);
    try {
      interpreter.render(text);
      failOnErrors(file, interpreter.getErrorsCopy(), 0);
      for (MacroFunction macro : interpreter.getContext().getGlobalMacros().values()) {
        jinjava.getGlobalContext().addGlobalMacro(macro);
      }
    } finally {
      JinjavaInterpreter.popCurrent();
    }
  }

  /**
   * Renders one node's template.
   *
   * @param self the node's own relation ({@code this})
   * @param relations how ref() and source() print
   * @param incremental whether {@code is_incremental()} is true for this render
   */
  public Rendered render(String file, String template, Relations.Relation self, Relations relations,
      boolean incremental) throws RenderException {
    RenderState state = new RenderState(file, relations, vars, incremental);
    state.enter();
    try {
      Map<String, Object> bindings = new HashMap<>();
      bindings.put("target", target.asMap());
      bindings.put("this", self);
      bindings.put("exceptions", new Exceptions());
      bindings.put("project_name", vars.getOrDefault("__project_name__", ""));
      RenderResult result = jinjava.renderForResult(template, bindings);
      failOnErrors(file, result.getErrors(), 0);
      return new Rendered(result.getOutput(), state.refs, state.sources, state.config);
    } finally {
      RenderState.exit();
    }
  }

  private static void failOnErrors(String file, List<TemplateError> errors, int lineOffset) throws RenderException {
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
        throw new RenderException(file + ":" + (e.getLineno() + lineOffset) + ": " + message);
      }
    }
  }
}
