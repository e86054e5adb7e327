package dev.leakproof.sql.warehouse;

import dev.leakproof.sql.compile.Target;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * A connection to the warehouse models are built in: the embedded DuckDB file by default,
 * Snowflake in production. The one narrow interface the SQL engine uses, so the engine runs
 * unchanged on either.
 */
public interface Warehouse extends AutoCloseable {

  /**
   * A warehouse error in one line: its first, or, when DuckDB wraps the real error in "Attempting
   * to execute an unsuccessful or closed pending query result", that line with the wrapped one.
   */
  static String errorLine(String message) {
    if (message == null) {
      return "";
    }
    String[] lines = message.split("\n");
    if (lines[0].contains("unsuccessful or closed pending query result")) {
      for (int i = 1; i < lines.length; i++) {
        String cause = lines[i].strip();
        if (!cause.isEmpty()) {
          return lines[0].strip() + " (" + (cause.startsWith("Error: ") ? cause.substring(7) : cause) + ")";
        }
      }
    }
    return lines[0];
  }

  /** A column of a relation as the warehouse reports it. */
  record ColumnInfo(String name, String dataType, boolean nullable) {}

  Target target();

  /** The schema models and seeds are built in when the project does not say otherwise. */
  String defaultSchema();

  void execute(String sql) throws SQLException;

  /** Runs a query and returns its rows as ordered column-to-value maps; for small results. */
  List<Map<String, Object>> query(String sql) throws SQLException;

  /** The relation's columns in order, or an empty list when it does not exist. */
  List<ColumnInfo> columns(String schema, String relation) throws SQLException;

  Connection connection();

  /**
   * Another session on the same warehouse, for a thread of its own (dbt's {@code --threads});
   * closing it leaves this one open. The default shares this session, so work on it is serial.
   */
  default Warehouse session() throws SQLException {
    return this;
  }

  /** True when {@link #session()} opens independent sessions, so nodes may run on several threads. */
  default boolean concurrentSessions() {
    return false;
  }

  @Override
  void close() throws SQLException;
}
