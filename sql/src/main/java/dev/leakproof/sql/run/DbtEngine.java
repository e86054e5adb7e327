package dev.leakproof.sql.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakproof.sql.compile.CompileException;
import dev.leakproof.sql.jinja.RenderException;
import dev.leakproof.sql.project.DbtProject;
import dev.leakproof.sql.project.NodeKind;
import dev.leakproof.sql.project.ProjectException;
import dev.leakproof.sql.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * dbt's commands on a project and a target: compile (SQL and manifest to target/), seed, run,
 * test, build (seeds, models, their unit tests first and their data tests after, in dependency
 * order, skipping what depends on a failure), retry, show, source freshness and docs generate.
 * Every command compiles the whole project first, so an invalid model is reported before any SQL
 * reaches the warehouse. {@code on-run-start} and {@code on-run-end} hooks run around the nodes.
 */
public final class DbtEngine {

  /** Which nodes a command runs. */
  public enum Command { SEED, RUN, TEST, BUILD }

  /** How a command runs: what it selects, whether it stops at the first failure, a state manifest. */
  public record RunOptions(String select, String exclude, boolean failFast, Path state) {

    public static RunOptions of(String select, String exclude) {
      return new RunOptions(select, exclude, false, null);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DbtEngine.class);

  private final DbtProject project;
  private final Warehouse warehouse;
  private final ProjectCompiler.Options options;
  private final Artifacts artifacts;
  private final Path targetDir;
  private CompiledProject compiled;
  private ProjectCompiler compiler;

  /** @param warehouse null for commands that need no connection (compile, ls) */
  public DbtEngine(DbtProject project, Warehouse warehouse, ProjectCompiler.Options options, Path targetDir) {
    this.project = project;
    this.warehouse = warehouse;
    this.options = options;
    this.targetDir = targetDir;
    this.artifacts = new Artifacts(targetDir);
  }

  /** Compiles the project and writes target/compiled/ and target/manifest.json. */
  public CompiledProject compile() throws RenderException, CompileException, SQLException, IOException {
    if (compiled == null) {
      compiler = new ProjectCompiler(project, warehouse, options);
      compiled = compiler.compile();
      artifacts.writeCompiled(compiled);
      artifacts.writeManifest(project, compiled, options.target().adapterType());
    }
    return compiled;
  }

  /** The project after dbt's parse phase only: what {@code ls} lists, with no connection and no SQL validation. */
  public CompiledProject parse() throws RenderException, CompileException, SQLException, IOException {
    ProjectCompiler parser = new ProjectCompiler(project, null, options);
    CompiledProject parsed = parser.parseOnly();
    artifacts.writeManifest(project, parsed, options.target().adapterType());
    return parsed;
  }

  /** A selector over a project, with the state manifest for {@code state:modified}. */
  public static NodeSelector selector(CompiledProject project, Path state) throws IOException {
    return state == null ? new NodeSelector(project) : new NodeSelector(project, StateManifest.read(state));
  }

  public List<NodeResult> execute(Command command, String select, String exclude, Consumer<NodeResult> progress)
      throws RenderException, CompileException, SQLException, IOException {
    return execute(command, RunOptions.of(select, exclude), progress);
  }

  /**
   * Runs the selected nodes the command covers, in dependency order, and writes run_results.json.
   *
   * @param progress called after each node
   */
  public List<NodeResult> execute(Command command, RunOptions run, Consumer<NodeResult> progress)
      throws RenderException, CompileException, SQLException, IOException {
    CompiledProject project = compile();
    Set<String> selected = selector(project, run.state()).select(run.select(), run.exclude());
    return run(command, selected, run.failFast(), progress);
  }

  /**
   * dbt retry: runs again, with the previous command, the nodes whose result in
   * target/run_results.json was an error, a failure or skipped.
   */
  public List<NodeResult> retry(Consumer<NodeResult> progress)
      throws RenderException, CompileException, SQLException, IOException {
    Path previous = targetDir.resolve("run_results.json");
    if (!Files.exists(previous)) {
      throw new ProjectException("Cannot retry: " + previous + " does not exist (run a command first)");
    }
    JsonNode results = JSON.readTree(previous.toFile());
    String which = results.path("args").path("which").asText("build");
    Command command;
    try {
      command = Command.valueOf(which.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ProjectException("Cannot retry: " + previous + " is from '" + which + "', not seed, run, test or build");
    }
    Set<String> again = new LinkedHashSet<>();
    for (JsonNode r : results.path("results")) {
      String status = r.path("status").asText();
      if (status.equals("error") || status.equals("fail") || status.equals("skipped") || status.equals("runtime error")) {
        again.add(r.path("unique_id").asText());
      }
    }
    compile();
    if (again.isEmpty()) {
      artifacts.writeRunResults(which, compiled.name(), options.target().adapterType(), List.of(), 0);
      return List.of();
    }
    return run(command, again, false, progress);
  }

  private List<NodeResult> run(Command command, Set<String> selected, boolean failFast, Consumer<NodeResult> progress)
      throws RenderException, CompileException, SQLException, IOException {
    long start = System.nanoTime();
    CompiledProject project = compiled;
    runHooks(this.project.config().onRunStart(), "on-run-start", List.of());
    List<CompiledNode> todo = new ArrayList<>();
    for (CompiledNode node : order(project)) {
      if (selected.contains(node.uniqueId()) && covers(command, node.kind())) {
        todo.add(node);
      }
    }
    RunState state = new RunState(command, failFast);
    if (options.threads() > 1 && !warehouse.concurrentSessions()) {
      LOG.warn("--threads {}: {} runs one session here, so nodes run one at a time", options.threads(),
          options.target().adapterType());
    }
    List<NodeResult> results = options.threads() > 1 && todo.size() > 1 && warehouse.concurrentSessions()
        ? new ParallelRun(warehouse, project.seeds(), options.threads()).run(todo, command, state, this::prepare,
            progress)
        : serial(todo, state, progress, project);
    runHooks(this.project.config().onRunEnd(), "on-run-end", results);
    artifacts.writeRunResults(command.name().toLowerCase(Locale.ROOT), project.name(),
        options.target().adapterType(), results, (System.nanoTime() - start) / 1e9);
    return results;
  }

  private List<NodeResult> serial(List<CompiledNode> todo, RunState state, Consumer<NodeResult> progress,
      CompiledProject project) {
    NodeExecutor executor = new NodeExecutor(warehouse, project.seeds());
    List<NodeResult> results = new ArrayList<>();
    for (CompiledNode node : todo) {
      NodeResult result = state.skip(node);
      if (result == null) {
        Object ready = prepare(node);
        result = ready instanceof CompiledNode c ? executor.execute(c) : (NodeResult) ready;
      }
      state.record(node, result);
      results.add(result);
      progress.accept(result);
    }
    return results;
  }

  /** The node ready to run (a deferred one compiled now), or its error result when that fails. */
  Object prepare(CompiledNode node) {
    if (!node.deferred()) {
      return node;
    }
    synchronized (this) {
      try {
        return compiler.compileDeferred(node);
      } catch (RenderException | CompileException | ProjectException | SQLException e) {
        return NodeExecutor.error(node, e.getMessage());
      }
    }
  }

  /**
   * What a run has seen so far, deciding what is skipped: nodes whose upstream failed or was
   * skipped; in build, models on a node whose test failed and models whose unit test failed; with
   * --fail-fast, everything after the first failure.
   */
  static final class RunState {
    private final Command command;
    private final boolean failFast;
    private final Set<String> failed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Set<String> failedTests = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, String> failedUnitTests = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean stop;

    RunState(Command command, boolean failFast) {
      this.command = command;
      this.failFast = failFast;
    }

    /** The skipped result of a node that must not run, or null when it may. */
    NodeResult skip(CompiledNode node) {
      if (stop) {
        return NodeExecutor.skipped(node, "(--fail-fast)");
      }
      boolean test = node.kind() == NodeKind.TEST || node.kind() == NodeKind.UNIT_TEST;
      String blocked = node.kind() == NodeKind.UNIT_TEST ? null : node.dependsOn().stream()
          .filter(d -> failed.contains(d) || !test && failedTests.contains(d))
          .findFirst().orElse(null);
      if (blocked == null) {
        blocked = failedUnitTests.get(node.uniqueId());
      }
      return blocked == null ? null : NodeExecutor.skipped(node, blocked);
    }

    void record(CompiledNode node, NodeResult result) {
      if (result.status().equals("skipped")) {
        failed.add(node.uniqueId());
        return;
      }
      if (result.ok()) {
        return;
      }
      failed.add(node.uniqueId());
      stop |= failFast;
      if (command == Command.BUILD && node.kind() == NodeKind.TEST) {
        // dbt build: a failing test stops what is built on its model, not the model's other tests
        failedTests.addAll(node.dependsOn());
      }
      if (command == Command.BUILD && node.kind() == NodeKind.UNIT_TEST) {
        // a failing unit test stops its model from being built
        node.dependsOn().forEach(d -> failedUnitTests.putIfAbsent(d, node.uniqueId()));
      }
    }
  }

  /** Runs on-run-start / on-run-end statements; on-run-end sees {@code results} as dbt's do. */
  private void runHooks(List<String> hooks, String which, List<NodeResult> results)
      throws RenderException, SQLException {
    for (int i = 0; i < hooks.size(); i++) {
      List<Map<String, Object>> shown = new ArrayList<>();
      for (NodeResult r : results) {
        shown.add(Map.of("status", r.status(), "message", r.message(), "failures", r.failures(),
            "node", Map.of("unique_id", r.uniqueId(), "name", r.name()), "execution_time",
            r.elapsed().toNanos() / 1e9));
      }
      String sql = compiler.renderOperation("dbt_project.yml (" + which + " " + (i + 1) + ")", hooks.get(i),
          Map.of("results", shown, "schemas", List.of(options.schema())));
      if (!sql.isBlank()) {
        try {
          warehouse.execute(sql);
        } catch (SQLException e) {
          throw new SQLException("Database error in " + which + " hook " + (i + 1) + " of dbt_project.yml: "
              + Warehouse.errorLine(e.getMessage()), e);
        }
      }
    }
  }

  /** The first rows of a model's query (not its table), as {@code dbt show} prints them. */
  public List<Map<String, Object>> show(String model, int limit)
      throws RenderException, CompileException, SQLException, IOException {
    CompiledNode node = compile().byName(model);
    if (node == null) {
      throw new IllegalArgumentException("Invalid --select: no model or seed named " + model);
    }
    if (node.kind() == NodeKind.SEED) {
      return warehouse.query("SELECT * FROM " + node.relation() + " LIMIT " + limit);
    }
    if (node.deferred()) {
      node = compiler.compileDeferred(node);
    }
    return warehouse.query("SELECT * FROM (\n" + node.sql() + "\n) AS show_query LIMIT " + limit);
  }

  /** dbt source freshness: writes target/sources.json and returns each checked source's result. */
  public List<SourceFreshness.Result> sourceFreshness(String select) throws RenderException, CompileException,
      SQLException, IOException {
    CompiledProject project = compile();
    Set<String> selected = select == null || select.isBlank() ? null : new NodeSelector(project).select(select, null);
    List<SourceFreshness.Result> results = new SourceFreshness(warehouse, compiler).check(this.project, selected);
    artifacts.writeSources(project.name(), options.target().adapterType(), results);
    return results;
  }

  /** dbt docs generate: target/manifest.json and target/catalog.json (what the warehouse holds). */
  public Path docsGenerate() throws RenderException, CompileException, SQLException, IOException {
    CompiledProject project = compile();
    return artifacts.writeCatalog(this.project, project, warehouse, options.target().adapterType());
  }

  private static boolean covers(Command command, NodeKind kind) {
    return switch (command) {
      case SEED -> kind == NodeKind.SEED;
      case RUN -> kind == NodeKind.MODEL;
      case TEST -> kind == NodeKind.TEST || kind == NodeKind.UNIT_TEST;
      case BUILD -> kind != NodeKind.ANALYSIS;
    };
  }

  /**
   * Seeds, then each model preceded by its unit tests and followed by the data tests whose
   * parents have all run by then.
   */
  private static List<CompiledNode> order(CompiledProject project) {
    List<CompiledNode> ordered = new ArrayList<>();
    Set<String> done = new HashSet<>();
    List<CompiledNode> tests = new ArrayList<>(project.nodes().stream().filter(n -> n.kind() == NodeKind.TEST).toList());
    List<CompiledNode> units = project.nodes().stream().filter(n -> n.kind() == NodeKind.UNIT_TEST).toList();
    for (CompiledNode n : project.nodes()) {
      if (n.kind() == NodeKind.TEST || n.kind() == NodeKind.UNIT_TEST || n.kind() == NodeKind.ANALYSIS) {
        continue;
      }
      units.stream().filter(u -> u.dependsOn().contains(n.uniqueId())).forEach(ordered::add);
      ordered.add(n);
      done.add(n.uniqueId());
      for (var it = tests.iterator(); it.hasNext(); ) {
        CompiledNode t = it.next();
        if (t.dependsOn().stream().filter(d -> !d.startsWith("source.")).allMatch(done::contains)) {
          ordered.add(t);
          it.remove();
        }
      }
    }
    ordered.addAll(tests);
    return ordered;
  }
}
