package dev.leakproof.sql.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehousesTest {

  @TempDir Path project;

  @Test
  void aDuckDbOutputOpensItsFileUnderTheProjectFolder() throws Exception {
    DuckDbTarget target = new DuckDbTarget("leakproof", "dev", "target/dev.duckdb", "main", 2, "256MB");

    try (Warehouse w = Warehouses.open(target, project)) {
      assertThat(w.target()).isEqualTo(Target.DUCKDB);
      assertThat(w.defaultSchema()).isEqualTo("main");
      assertThat(w.query("SELECT current_setting('threads') AS threads, current_setting('TimeZone') AS tz"))
          .containsExactly(Map.of("threads", 2L, "tz", "UTC"));
    }
    assertThat(project.resolve("target/dev.duckdb")).isRegularFile();
  }

  @Test
  void aDuckDbOutputsSchemaIsCreatedAndIsTheDefault() throws Exception {
    DuckDbTarget target = new DuckDbTarget("leakproof", "dev", "w.duckdb", "analytics", 1, "256MB");

    try (Warehouse w = Warehouses.open(target, project)) {
      assertThat(w.defaultSchema()).isEqualTo("analytics");
      w.execute("CREATE TABLE analytics.t (id INTEGER)");
      assertThat(w.columns("analytics", "t")).containsExactly(new Warehouse.ColumnInfo("id", "INTEGER", true));
    }
  }

  @Test
  void anInMemoryOutputLeavesNothingBehind() throws Exception {
    DuckDbTarget target = new DuckDbTarget("leakproof", "ci", ":memory:", "main", 1, "256MB");
    String tmp = System.getProperty("java.io.tmpdir");
    List<Path> before = scratchFolders(tmp);

    try (Warehouse w = Warehouses.open(target, project)) {
      w.execute("CREATE TABLE t AS SELECT 42 AS answer");
      assertThat(w.query("SELECT answer FROM t")).containsExactly(Map.of("answer", 42));
    }

    assertThat(scratchFolders(tmp)).isEqualTo(before);
    try (Stream<Path> files = Files.list(project)) {
      assertThat(files).isEmpty();
    }
  }

  private static List<Path> scratchFolders(String tmp) throws Exception {
    try (Stream<Path> paths = Files.list(Path.of(tmp))) {
      return paths.filter(p -> p.getFileName().toString().startsWith("leakproof-duckdb-")).sorted().toList();
    }
  }
}
