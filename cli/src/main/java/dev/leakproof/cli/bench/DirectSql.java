package dev.leakproof.cli.bench;

import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.project.DbtProject;
import dev.leakproof.sql.project.NodeKind;
import dev.leakproof.sql.project.ProjectLoader;
import dev.leakproof.sql.run.CompiledNode;
import dev.leakproof.sql.run.CompiledProject;
import dev.leakproof.sql.run.DbtEngine;
import dev.leakproof.sql.run.NodeResult;
import dev.leakproof.sql.run.ProjectCompiler;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The model build's yardstick: the SQL the audit compiled, run straight through JDBC in its
 * DuckDB warehouse (each model one {@code CREATE OR REPLACE ... AS}, each test one count of its
 * failing rows, in the project's order) against the same nodes built by the engine on one thread.
 * Each is run twice, alternating, and the faster of each kept.
 */
public final class DirectSql {

  /** The faster of two direct runs and of two engine runs, in nanoseconds. */
  public record Result(long directNanos, long engineNanos, int nodes) {}

  private DirectSql() {}

  /** @param work an audit's work directory (its warehouse and extracted SQL project) */
  public static Result compare(Path work, LocalDate asOf) throws Exception {
    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(new DuckDbWarehouse.Settings(
        work.resolve("warehouse.duckdb"), "4GB", Math.max(1, Runtime.getRuntime().availableProcessors())))) {
      DbtProject project = ProjectLoader.load(work.resolve("sql-project"));
      DbtEngine engine = new DbtEngine(project, warehouse, ProjectCompiler.Options.of(Target.DUCKDB,
          warehouse.defaultSchema(), Map.of("as_of", asOf.toString())), work.resolve("target-bench"));
      CompiledProject compiled = engine.compile();
      long direct = Long.MAX_VALUE;
      long viaEngine = Long.MAX_VALUE;
      for (int round = 0; round < 2; round++) {
        long t = System.nanoTime();
        int nodes = direct(warehouse, compiled);
        direct = Math.min(direct, System.nanoTime() - t);
        t = System.nanoTime();
        List<NodeResult> results = engine.execute(DbtEngine.Command.BUILD, null, null, r -> { });
        viaEngine = Math.min(viaEngine, System.nanoTime() - t);
        for (NodeResult r : results) {
          if (r.status().equals("error")) {
            throw new IllegalStateException("Cannot build " + r.name() + ": " + r.message());
          }
        }
        if (round == 1) {
          return new Result(direct, viaEngine, nodes);
        }
      }
      throw new AssertionError("unreachable");
    }
  }

  private static int direct(DuckDbWarehouse warehouse, CompiledProject compiled) throws Exception {
    int n = 0;
    try (Statement s = warehouse.connection().createStatement()) {
      for (CompiledNode node : compiled.nodes()) {
        if (node.kind() == NodeKind.MODEL && !node.materialization().equals("ephemeral")) {
          String kind = node.materialization().equals("view") ? "VIEW" : "TABLE";
          s.execute("CREATE OR REPLACE " + kind + " " + quoted(node.relation()) + " AS\n" + node.sql());
          n++;
        }
      }
      for (CompiledNode node : compiled.nodes()) {
        if (node.kind() == NodeKind.TEST) {
          try (ResultSet rs = s.executeQuery("SELECT count(*) FROM (\n" + node.sql() + "\n) AS failures")) {
            rs.next();
          }
          n++;
        }
      }
    }
    return n;
  }

  private static String quoted(String relation) {
    int dot = relation.indexOf('.');
    return "\"" + relation.substring(0, dot) + "\".\"" + relation.substring(dot + 1) + "\"";
  }
}
