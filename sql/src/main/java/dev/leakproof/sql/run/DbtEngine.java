package dev.leakproof.sql.run;

import dev.leakproof.sql.compile.CompileException;
import dev.leakproof.sql.jinja.RenderException;
import dev.leakproof.sql.project.DbtProject;
import dev.leakproof.sql.project.NodeKind;
import dev.leakproof.sql.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * dbt's commands on a project and a target: compile (SQL and manifest to target/), seed, run,
 * test, build (seeds, models and their tests in dependency order, skipping what depends on a
 * failure) and show. Every command compiles the whole project first, so an invalid model is
 * reported before any SQL reaches the warehouse.
 */
public final class DbtEngine {

  /** Which nodes a command runs. */
  public enum Command { SEED, RUN, TEST, BUILD }

  private final DbtProject project;
  private final Warehouse warehouse;
  private final ProjectCompiler.Options options;
  private final Artifacts artifacts;
  private CompiledProject compiled;
  private ProjectCompiler compiler;

  /** @param warehouse null for commands that need no connection (compile, ls) */
  public DbtEngine(DbtProject project, Warehouse warehouse, ProjectCompiler.Options options, Path targetDir) {
    this.project = project;
    this.warehouse = warehouse;
    this.options = options;
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

  /**
   * Runs the selected nodes the command covers, in dependency order, and writes run_results.json.
   *
   * @param progress called after each node
   */
  public List<NodeResult> execute(Command command, String select, String exclude, Consumer<NodeResult> progress)
      throws RenderException, CompileException, SQLException, IOException {
    long start = System.nanoTime();
    CompiledProject project = compile();
    Set<String> selected = new NodeSelector(project).select(select, exclude);
    NodeExecutor executor = new NodeExecutor(warehouse, project.seeds());
    Set<String> failed = new HashSet<>();
    Set<String> failedTests = new HashSet<>();
    List<NodeResult> results = new ArrayList<>();
    for (CompiledNode node : order(project)) {
      if (!selected.contains(node.uniqueId()) || !covers(command, node.kind())) {
        continue;
      }
      boolean test = node.kind() == NodeKind.TEST;
      String blocked = node.dependsOn().stream()
          .filter(d -> failed.contains(d) || !test && failedTests.contains(d))
          .findFirst().orElse(null);
      NodeResult result;
      if (blocked != null) {
        result = NodeExecutor.skipped(node, blocked);
      } else {
        result = executor.execute(node.deferred() ? compiler.compileDeferred(node) : node);
      }
      if (!result.ok()) {
        failed.add(node.uniqueId());
        if (command == Command.BUILD && node.kind() == NodeKind.TEST) {
          // dbt build: a failing test stops what is built on its model, not the model's other tests
          failedTests.addAll(node.dependsOn());
        }
      }
      results.add(result);
      progress.accept(result);
    }
    artifacts.writeRunResults(command.name().toLowerCase(java.util.Locale.ROOT), project.name(),
        options.target().adapterType(), results, (System.nanoTime() - start) / 1e9);
    return results;
  }

  /** The first rows of a model's query (not its table), as {@code dbt show} prints them. */
  public List<Map<String, Object>> show(String model, int limit)
      throws RenderException, CompileException, SQLException, IOException {
    CompiledNode node = compile().nodes().stream()
        .filter(n -> n.kind() != NodeKind.TEST && n.name().equals(model)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Invalid --select: no model or seed named " + model));
    if (node.kind() == NodeKind.SEED) {
      return warehouse.query("SELECT * FROM " + node.relation() + " LIMIT " + limit);
    }
    return warehouse.query("SELECT * FROM (\n" + node.sql() + "\n) AS show_query LIMIT " + limit);
  }

  private static boolean covers(Command command, NodeKind kind) {
    return switch (command) {
      case SEED -> kind == NodeKind.SEED;
      case RUN -> kind == NodeKind.MODEL;
      case TEST -> kind == NodeKind.TEST;
      case BUILD -> true;
    };
  }

  /** Seeds, then each model followed by the tests whose parents have all run by then. */
  private static List<CompiledNode> order(CompiledProject project) {
    List<CompiledNode> ordered = new ArrayList<>();
    Set<String> done = new HashSet<>();
    List<CompiledNode> tests = new ArrayList<>(project.nodes().stream().filter(n -> n.kind() == NodeKind.TEST).toList());
    for (CompiledNode n : project.nodes()) {
      if (n.kind() == NodeKind.TEST) {
        continue;
      }
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
