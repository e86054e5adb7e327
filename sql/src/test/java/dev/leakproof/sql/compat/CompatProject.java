package dev.leakproof.sql.compat;

import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.project.DbtProject;
import dev.leakproof.sql.project.ProjectLoader;
import dev.leakproof.sql.run.DbtEngine;
import dev.leakproof.sql.run.NodeResult;
import dev.leakproof.sql.run.ProjectCompiler;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One project of the dbt compatibility suite (src/test/resources/compat/), copied to a temporary
 * folder and run by the engine on an embedded DuckDB; expected numbers come from DuckDB reading
 * the seed files directly ({@link #oracle}), never from the engine.
 */
final class CompatProject implements AutoCloseable {

  final Path dir;
  final DuckDbWarehouse warehouse;
  private final Path tmp;

  private CompatProject(Path dir, Path tmp) throws SQLException {
    this.dir = dir;
    this.tmp = tmp;
    this.warehouse = DuckDbWarehouse.open(new DuckDbWarehouse.Settings(tmp.resolve(dir.getFileName() + ".duckdb"),
        "1GB", 1));
  }

  static CompatProject copy(String name, Path tmp) throws IOException, SQLException {
    Path from = Path.of("src/test/resources/compat", name).toAbsolutePath();
    Path to = tmp.resolve(name);
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return new CompatProject(to, tmp);
  }

  DbtProject load() throws IOException {
    return ProjectLoader.load(dir);
  }

  DbtEngine engine(Map<String, Object> vars) throws IOException {
    return engine(vars, "dev", false);
  }

  DbtEngine engine(Map<String, Object> vars, String targetName, boolean fullRefresh) throws IOException {
    return new DbtEngine(load(), warehouse, new ProjectCompiler.Options(Target.DUCKDB, targetName, "main", vars,
        fullRefresh), dir.resolve("target"));
  }

  /** {@code seed}, {@code run}, then {@code test}, as a user runs them; results by node name. */
  Map<String, NodeResult> build(Map<String, Object> vars) throws Exception {
    Map<String, NodeResult> out = new LinkedHashMap<>();
    DbtEngine engine = engine(vars);
    for (DbtEngine.Command c : new DbtEngine.Command[] {DbtEngine.Command.SEED, DbtEngine.Command.RUN,
        DbtEngine.Command.TEST}) {
      for (NodeResult r : engine.execute(c, null, null, x -> { })) {
        out.put(r.name(), r);
      }
    }
    return out;
  }

  /** Rows of a query on the project's warehouse, each as its values joined by {@code |}. */
  List<String> rows(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> r : warehouse.query(sql)) {
      out.add(String.join("|", r.values().stream().map(String::valueOf).toList()));
    }
    return out;
  }

  /**
   * The independent recomputation: a fresh in-memory DuckDB, {@code {seed:name}} in the SQL
   * replaced by {@code read_csv} of that seed file.
   */
  List<String> oracle(String sql) throws SQLException {
    String resolved = sql;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{seed:([^}]+)}").matcher(sql);
    while (m.find()) {
      resolved = resolved.replace(m.group(), "read_csv('" + dir.resolve(m.group(1)) + "', header = true)");
    }
    List<String> out = new ArrayList<>();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
         java.sql.Statement s = c.createStatement();
         java.sql.ResultSet rs = s.executeQuery(resolved)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          values.add(String.valueOf(rs.getObject(i)));
        }
        out.add(String.join("|", values));
      }
    }
    return out;
  }

  @Override
  public void close() throws SQLException {
    warehouse.close();
  }
}
