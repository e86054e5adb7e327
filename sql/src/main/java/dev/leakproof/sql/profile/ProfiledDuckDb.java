package dev.leakproof.sql.profile;

import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import dev.leakproof.sql.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The embedded warehouse as a duckdb output configures it: models go in the output's schema, and
 * {@code :memory:} is a database file in a temporary folder removed on close (DuckDbWarehouse
 * opens files only).
 */
final class ProfiledDuckDb implements Warehouse {

  private final DuckDbWarehouse delegate;
  private final String schema;
  private final Path scratch;

  private ProfiledDuckDb(DuckDbWarehouse delegate, String schema, Path scratch) {
    this.delegate = delegate;
    this.schema = schema;
    this.scratch = scratch;
  }

  static ProfiledDuckDb open(DuckDbTarget target, Path projectDir) throws SQLException {
    Path scratch = null;
    DuckDbWarehouse.Settings settings;
    if (target.inMemory()) {
      try {
        scratch = Files.createTempDirectory("leakproof-duckdb-");
      } catch (IOException e) {
        throw new SQLException("Cannot create a temporary folder for target " + target.name() + ": "
            + e.getMessage(), e);
      }
      settings = target.settingsFor(scratch.resolve("memory.duckdb"));
    } else {
      settings = target.settings(projectDir);
    }
    DuckDbWarehouse duckDb = DuckDbWarehouse.open(settings);
    ProfiledDuckDb warehouse = new ProfiledDuckDb(duckDb, target.schema(), scratch);
    if (!target.schema().equals(DuckDbTarget.DEFAULT_SCHEMA)) {
      try {
        duckDb.execute("CREATE SCHEMA IF NOT EXISTS " + target.schema());
      } catch (SQLException e) {
        warehouse.close();
        throw e;
      }
    }
    return warehouse;
  }

  @Override
  public boolean concurrentSessions() {
    return true;
  }

  @Override
  public Warehouse session() throws SQLException {
    return delegate.session();
  }

  @Override
  public Target target() {
    return Target.DUCKDB;
  }

  @Override
  public String defaultSchema() {
    return schema;
  }

  @Override
  public void execute(String sql) throws SQLException {
    delegate.execute(sql);
  }

  @Override
  public List<Map<String, Object>> query(String sql) throws SQLException {
    return delegate.query(sql);
  }

  @Override
  public List<ColumnInfo> columns(String schema, String relation) throws SQLException {
    return delegate.columns(schema, relation);
  }

  @Override
  public Connection connection() {
    return delegate.connection();
  }

  @Override
  public void close() throws SQLException {
    try {
      delegate.close();
    } finally {
      if (scratch != null) {
        deleteTree(scratch);
      }
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the in-memory warehouse's folder " + root, e);
    }
  }
}
