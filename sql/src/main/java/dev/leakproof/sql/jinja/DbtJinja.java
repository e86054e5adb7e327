package dev.leakproof.sql.jinja;

import dev.leakproof.sql.template.Environment;
import dev.leakproof.sql.template.Interpreter;
import dev.leakproof.sql.template.Py;
import dev.leakproof.sql.template.Template;
import dev.leakproof.sql.template.TemplateException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Jinja for dbt projects: Leakproof's Jinja2 engine with dbt's context ({@code ref},
 * {@code source}, {@code config}, {@code var}, {@code env_var}, {@code this}, {@code target},
 * {@code adapter}, {@code execute}, {@code run_query}, {@code return}, {@code modules}, ...), the
 * macros of the root project, of the packages in dbt_packages/ and Leakproof's built-in ones
 * (package {@code dbt}), resolved and dispatched as dbt-core resolves them. One instance serves a
 * whole compilation; renders are independent of each other.
 */
public final class DbtJinja {

  /** The dbt-core version whose behaviour this follows, as {@code dbt_version} prints it. */
  public static final String DBT_VERSION = "1.9.0";

  /** The target a render is for: what {@code target.*} prints. */
  public record TargetInfo(String name, String type, String schema, String database, int threads,
      Map<String, Object> extra) {

    public TargetInfo(String name, String type, String schema, String database) {
      this(name, type, schema, database, 1, Map.of());
    }

    Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>(extra);
      m.put("name", name);
      m.put("target_name", name);
      m.put("type", type);
      m.put("schema", schema);
      m.put("database", database == null ? "" : database);
      m.put("threads", (long) threads);
      m.put("profile_name", extra.getOrDefault("profile_name", ""));
      return m;
    }
  }

  /**
   * How a project's Jinja behaves beyond its macros.
   *
   * @param dependencies the installed packages' names
   * @param dispatch dbt_project.yml's {@code dispatch:} search orders by namespace
   * @param flags dbt's {@code flags} ({@code FULL_REFRESH}, {@code WHICH}, ...)
   * @param env how {@code env_var} reads the environment
   * @param log where {@code log(..., info=True)}, {@code print} and {@code exceptions.warn} go
   */
  public record Settings(String rootProject, Set<String> dependencies, Map<String, List<String>> dispatch, Vars vars,
      Map<String, Object> flags, Clock clock, Function<String, String> env, LogSink log) {

    public Settings {
      dependencies = Set.copyOf(dependencies);
      dispatch = Map.copyOf(dispatch);
      flags = Map.copyOf(flags);
    }

    /** Defaults for a project: no packages, the real clock and environment, logs to slf4j. */
    public static Settings of(String rootProject, Vars vars, Map<String, Object> flags) {
      return new Settings(rootProject, Set.of(), Map.of(), vars, flags, Clock.systemUTC(), System::getenv,
          LogSink.SLF4J);
    }
  }

  /** Receives what templates log. */
  @FunctionalInterface
  public interface LogSink {
    /** @param level {@code info}, {@code debug} or {@code warn} */
    void log(String level, NodeScope node, String message);

    LogSink SLF4J = (level, node, message) -> {
      org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger("dbt.jinja");
      switch (level) {
        case "warn" -> logger.warn("{}: {}", node.file(), message);
        case "info" -> logger.info("{}: {}", node.file(), message);
        default -> logger.debug("{}: {}", node.file(), message);
      }
    };
  }

  private final Environment environment = new Environment();
  private final TargetInfo target;
  private final Settings settings;
  private final MacroRegistry macros;
  private final String invocationId = UUID.randomUUID().toString();
  private final OffsetDateTime runStartedAt;
  private final Map<String, String> docs = new HashMap<>();
  private Map<String, Object> graph = new LinkedHashMap<>();

  /**
   * @param sources the project's, the packages' and the built-in macro files
   * @throws RenderException when a macro file does not parse, or a package defines a macro twice
   */
  public DbtJinja(List<MacroSource> sources, TargetInfo target, Settings settings) throws RenderException {
    this.target = target;
    this.settings = settings;
    this.runStartedAt = OffsetDateTime.now(settings.clock()).withOffsetSameInstant(ZoneOffset.UTC);
    DbtFilters.register(environment);
    try {
      this.macros = new MacroRegistry(environment, sources, settings.rootProject(), settings.dependencies(),
          settings.dispatch(), target.type());
    } catch (TemplateException e) {
      throw new RenderException(e.getMessage());
    }
    docs.putAll(macros.docs());
  }

  public MacroRegistry macros() {
    return macros;
  }

  public TargetInfo target() {
    return target;
  }

  Vars vars() {
    return settings.vars();
  }

  /** A var as a node of {@code packageName} sees it, or {@link Py#MISSING}. */
  public Object var(String packageName, String name) {
    return settings.vars().lookup(packageName, name);
  }

  Map<String, Object> flags() {
    return settings.flags();
  }

  Clock clock() {
    return settings.clock();
  }

  String invocationId() {
    return invocationId;
  }

  OffsetDateTime runStartedAt() {
    return runStartedAt;
  }

  String environmentVariable(String name) {
    return settings.env().apply(name);
  }

  Map<String, Object> graph() {
    return graph;
  }

  /** Sets what {@code graph} shows templates: the parsed project's nodes and sources. */
  public void setGraph(Map<String, Object> graph) {
    this.graph = graph;
  }

  /** Adds {@code {% docs %}} blocks found in model folders, for {@code doc()}. */
  public void addDocs(Map<String, String> blocks) {
    docs.putAll(blocks);
  }

  String doc(String name) {
    String d = docs.get(name);
    if (d == null) {
      throw new TemplateException("Documentation for '" + name + "' not found");
    }
    return d;
  }

  void log(NodeScope node, String message, boolean info) {
    settings.log().log(info ? "info" : "debug", node, message);
  }

  void warn(NodeScope node, String message) {
    settings.log().log("warn", node, message);
  }

  /** True when a macro of that name is visible from the package (its own, the root's, dbt's). */
  public boolean hasMacro(String packageName, String name) {
    return macros.resolve(packageName, name) != null;
  }

  /**
   * Renders one node's template.
   *
   * @throws RenderException naming the file, the line, and the macros the fault passed through
   */
  public Rendered render(NodeScope node, String template, RenderHost host) throws RenderException {
    RenderState state = new RenderState();
    try {
      Template t = environment.parse(node.file(), template);
      String sql = interpreter(node).render(t, new DbtContext(this, node, host, state));
      return new Rendered(sql, state.refs, state.sources, state.config);
    } catch (TemplateException e) {
      throw new RenderException(e.located() ? e.getMessage() : node.file() + ": " + e.getMessage());
    }
  }

  /**
   * Renders a value as dbt's native renderer does (YAML values, test arguments): one expression
   * gives its value, other text stays text.
   */
  public Object renderNative(NodeScope node, String template, RenderHost host) throws RenderException {
    return renderNativeTracked(node, template, host).value();
  }

  /** A native render's value, with the refs, sources and config() calls it made. */
  public record NativeResult(Object value, List<Rendered.Ref> refs, List<String> sources) {}

  /** {@link #renderNative}, keeping what the template referenced (test arguments such as {@code to: ref('x')}). */
  public NativeResult renderNativeTracked(NodeScope node, String template, RenderHost host) throws RenderException {
    RenderState state = new RenderState();
    try {
      Template t = environment.parse(node.file(), template);
      Object value = interpreter(node).renderNative(t, new DbtContext(this, node, host, state));
      return new NativeResult(value, List.copyOf(state.refs), List.copyOf(state.sources));
    } catch (TemplateException e) {
      throw new RenderException(e.located() ? e.getMessage() : node.file() + ": " + e.getMessage());
    }
  }

  /**
   * Calls a macro visible from the node's package (a project's {@code generate_schema_name}, a
   * hook's macro) and returns its value: the text it printed, or what it returned.
   */
  public Object call(NodeScope node, RenderHost host, String name, List<Object> args, Map<String, Object> kwargs)
      throws RenderException {
    DbtContext context = new DbtContext(this, node, host, new RenderState());
    Object macro = context.lookup(name);
    if (macro == Py.MISSING) {
      throw new RenderException(node.file() + ": no macro named '" + name + "'");
    }
    try {
      return interpreter(node).call(macro, args, kwargs);
    } catch (TemplateException e) {
      throw new RenderException(e.located() ? e.getMessage() : node.file() + ": in macro '" + name + "': "
          + e.getMessage());
    }
  }

  private Interpreter interpreter(NodeScope node) {
    return environment.interpreter(node.phase() == NodeScope.Phase.PARSE ? Interpreter.UndefinedMode.LENIENT
        : Interpreter.UndefinedMode.STRICT);
  }
}
