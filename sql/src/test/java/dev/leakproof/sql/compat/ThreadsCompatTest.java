package dev.leakproof.sql.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.project.ProjectLoader;
import dev.leakproof.sql.run.DbtEngine;
import dev.leakproof.sql.run.NodeResult;
import dev.leakproof.sql.run.ProjectCompiler;
import dev.leakproof.sql.testutils.Projects;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --threads}: a build on several threads (each with its own DuckDB connection) gives the
 * serial build's statuses, skips and rows, and really uses more than one thread.
 */
class ThreadsCompatTest {

  @TempDir Path tmp;

  record Run(Map<String, String> statuses, List<String> customers, TreeSet<String> threads) {}

  Run build(Path project, int threads, String db) throws Exception {
    try (DuckDbWarehouse w = DuckDbWarehouse.open(new DuckDbWarehouse.Settings(tmp.resolve(db), "1GB", 1))) {
      DbtEngine engine = new DbtEngine(ProjectLoader.load(project), w,
          new ProjectCompiler.Options(Target.DUCKDB, "dev", "main", Map.of(), false, threads, "build"),
          project.resolve("target"));
      Map<String, String> statuses = new TreeMap<>();
      TreeSet<String> used = new TreeSet<>();
      for (NodeResult r : engine.execute(DbtEngine.Command.BUILD, null, null, x -> { })) {
        statuses.put(r.uniqueId(), r.status());
        if (!r.status().equals("skipped")) {
          used.add(r.threadId());
        }
      }
      List<String> customers = w.query("select count(*) as n from information_schema.tables where table_name = "
          + "'customers'").get(0).get("n").equals(0L) ? List.of()
          : w.query("select * from main.customers order by customer_id").stream().map(Object::toString).toList();
      return new Run(statuses, customers, used);
    }
  }

  @Test
  void twoThreadsBuildWhatOneThreadBuilds() throws Exception {
    Path project = Projects.copy("jaffle_shop", tmp);
    Run serial = build(project, 1, "one.duckdb");
    Run parallel = build(project, 2, "two.duckdb");
    assertThat(parallel.statuses()).isEqualTo(serial.statuses());
    assertThat(parallel.customers()).isNotEmpty().isEqualTo(serial.customers());
    assertThat(serial.threads()).containsExactly("Thread-1");
    assertThat(parallel.threads()).hasSize(2);
  }

  @Test
  void aFailingTestSkipsTheSameNodesOnTwoThreads() throws Exception {
    Path project = Projects.copy("jaffle_shop", tmp);
    Files.writeString(project.resolve("seeds/raw_orders.csv"),
        "id,user_id,order_date,status\n1,1,2018-01-01,returned\n2,3,2018-01-02,lost\n2,3,2018-01-03,lost\n");
    Run serial = build(project, 1, "one.duckdb");
    Run parallel = build(project, 2, "two.duckdb");
    assertThat(serial.statuses()).containsValue("skipped").containsValue("fail");
    assertThat(parallel.statuses()).isEqualTo(serial.statuses());
  }
}
