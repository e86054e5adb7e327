package dev.leakproof.sql.warehouse;

import dev.leakproof.sql.compile.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The embedded warehouse: one DuckDB database file in the work directory, its memory bounded
 * (DuckDB takes 80% of RAM unless told) and its session in UTC.
 */
public final class DuckDbWarehouse implements Warehouse {

  /** Settings of the embedded warehouse. */
  public record Settings(Path file, String memoryLimit, int threads) {
    public Settings {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(memoryLimit, "memoryLimit");
      if (!memoryLimit.matches("\\d+(\\.\\d+)?\\s*(KB|MB|GB|KiB|MiB|GiB)")) {
        throw new IllegalArgumentException("Invalid warehouse.duckdb.memory-limit: " + memoryLimit + " (e.g. 2GB)");
      }
      if (threads < 1) {
        throw new IllegalArgumentException("Invalid warehouse.duckdb.threads: " + threads + " (must be at least 1)");
      }
    }

    /** A database file with 4 GB of memory and one thread per core. */
    public static Settings defaults(Path file) {
      return new Settings(file, "4GB", Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
  }

  private final Connection connection;

  private DuckDbWarehouse(Connection connection) {
    this.connection = connection;
  }

  /** A second connection to the same database (DuckDB's duplicate()), with this one's settings. */
  @Override
  public boolean concurrentSessions() {
    return true;
  }

  @Override
  public Warehouse session() throws SQLException {
    return new DuckDbWarehouse(connection.unwrap(org.duckdb.DuckDBConnection.class).duplicate());
  }

  /** Opens (creating if needed) the database file. */
  public static DuckDbWarehouse open(Settings settings) throws SQLException {
    try {
      Files.createDirectories(settings.file().toAbsolutePath().getParent());
    } catch (java.io.IOException e) {
      throw new SQLException("Cannot create the warehouse folder for " + settings.file() + ": " + e.getMessage(), e);
    }
    Connection c = DriverManager.getConnection("jdbc:duckdb:" + settings.file().toAbsolutePath());
    try (Statement s = c.createStatement()) {
      s.execute("SET memory_limit = '" + settings.memoryLimit() + "'");
      s.execute("SET threads = " + settings.threads());
      s.execute("SET TimeZone = 'UTC'");
      s.execute("SET preserve_insertion_order = false");
    }
    return new DuckDbWarehouse(c);
  }

  @Override
  public Target target() {
    return Target.DUCKDB;
  }

  @Override
  public String defaultSchema() {
    return "main";
  }

  @Override
  public void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public List<Map<String, Object>> query(String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rows(rs);
    }
  }

  static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<Map<String, Object>> rows = new ArrayList<>();
    while (rs.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        row.put(md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
      }
      rows.add(row);
    }
    return rows;
  }

  @Override
  public List<ColumnInfo> columns(String schema, String relation) throws SQLException {
    String sql = "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
        + "WHERE lower(table_schema) = lower(?) AND lower(table_name) = lower(?) ORDER BY ordinal_position";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, schema);
      ps.setString(2, relation);
      List<ColumnInfo> columns = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.add(new ColumnInfo(rs.getString(1), rs.getString(2), "YES".equals(rs.getString(3))));
        }
      }
      return columns;
    }
  }

  @Override
  public Connection connection() {
    return connection;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
