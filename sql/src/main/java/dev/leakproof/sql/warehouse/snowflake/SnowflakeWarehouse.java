package dev.leakproof.sql.warehouse.snowflake;

import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.profile.SnowflakeTarget;
import dev.leakproof.sql.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import net.snowflake.client.api.driver.SnowflakeDriver;

/**
 * The production warehouse: one Snowflake session over JDBC, opened from a profiles.yml output
 * (see {@link SnowflakeConnectSpec} for what the driver is told), in UTC and with JSON results so
 * no Arrow {@code --add-opens} flags are needed.
 */
public final class SnowflakeWarehouse implements Warehouse {

  private final Connection connection;
  private final String database;
  private final String schema;

  SnowflakeWarehouse(Connection connection, String database, String schema) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.database = Objects.requireNonNull(database, "database");
    this.schema = Objects.requireNonNull(schema, "schema");
  }

  /**
   * Connects to the output's account.
   *
   * @param projectDir the folder a relative {@code private_key_path} is resolved against
   * @throws SQLException when the key file is unreadable or the driver cannot log in; the message
   *     names the target and host, never a secret
   */
  public static SnowflakeWarehouse open(SnowflakeTarget target, Path projectDir) throws SQLException {
    SnowflakeConnectSpec spec = SnowflakeConnectSpec.of(target, projectDir);
    checkKeyFile(spec, target.name());
    String where = "Snowflake target " + target.name() + " at " + target.effectiveHost() + ":" + target.port();
    Connection connection;
    try {
      connection = SnowflakeDriver.INSTANCE.connect(spec.url(), spec.properties());
    } catch (SQLException e) {
      throw new SQLException("Cannot connect to " + where + ": " + e.getMessage(), e.getSQLState(),
          e.getErrorCode(), e);
    }
    if (connection == null) {
      throw new SQLException("Cannot connect to " + where + ": the driver does not accept " + spec.url());
    }
    return new SnowflakeWarehouse(connection, target.database(), target.schema());
  }

  /** Fails before any connection attempt when the private key file cannot be read. */
  static void checkKeyFile(SnowflakeConnectSpec spec, String targetName) throws SQLException {
    String keyFile = spec.properties().getProperty("private_key_file");
    if (keyFile != null && !Files.isReadable(Path.of(keyFile))) {
      throw new SQLException("Cannot read private_key_path: " + keyFile + " (profiles.yml, target "
          + targetName + ")");
    }
  }

  @Override
  public Target target() {
    return Target.SNOWFLAKE;
  }

  @Override
  public String defaultSchema() {
    return schema;
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
      ResultSetMetaData md = rs.getMetaData();
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** Reads the database's information_schema; names match case-insensitively. */
  @Override
  public List<ColumnInfo> columns(String schema, String relation) throws SQLException {
    String sql = "SELECT column_name, data_type, numeric_precision, numeric_scale, is_nullable FROM "
        + identifier(database) + ".information_schema.columns "
        + "WHERE upper(table_schema) = ? AND upper(table_name) = ? ORDER BY ordinal_position";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, schema.toUpperCase(Locale.ROOT));
      ps.setString(2, relation.toUpperCase(Locale.ROOT));
      List<ColumnInfo> columns = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String type = typeName(rs.getString(2), (Number) rs.getObject(3), (Number) rs.getObject(4));
          columns.add(new ColumnInfo(rs.getString(1), type, "YES".equalsIgnoreCase(rs.getString(5))));
        }
      }
      return columns;
    }
  }

  /** information_schema's type with NUMBER's precision and scale: {@code NUMBER(38,2)}, {@code TEXT}. */
  static String typeName(String dataType, Number precision, Number scale) {
    String t = dataType.trim().toUpperCase(Locale.ROOT);
    boolean fixed = t.equals("NUMBER") || t.equals("DECIMAL") || t.equals("NUMERIC");
    if (fixed && precision != null) {
      return "NUMBER(" + precision.intValue() + "," + (scale == null ? 0 : scale.intValue()) + ")";
    }
    return t;
  }

  /** An unquoted identifier when Snowflake would read it as written, else a quoted one. */
  static String identifier(String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
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
