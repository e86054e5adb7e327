package dev.leakproof.connectors.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Inserts many rows: through DuckDB's appender on the embedded warehouse (110k rows/s), else with
 * multi-row {@code INSERT ... VALUES (...), (...)} statements of a few hundred rows each (portable:
 * Snowflake). Never a JDBC batch of single-row inserts: DuckDB gives each its own storage block
 * (20,000 rows took 4 GB).
 */
final class RowInserter {

  private static final int ROWS_PER_STATEMENT = 256;

  private RowInserter() {}

  /** @param table {@code schema.table} */
  static void insert(Connection connection, String table, int columns, List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    if (connection.isWrapperFor(org.duckdb.DuckDBConnection.class)) {
      append(connection.unwrap(org.duckdb.DuckDBConnection.class), table, columns, rows);
      return;
    }
    String tuple = "(" + "?, ".repeat(columns - 1) + "?)";
    PreparedStatement full = null;
    try {
      for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
        int n = Math.min(ROWS_PER_STATEMENT, rows.size() - from);
        PreparedStatement ps;
        if (n == ROWS_PER_STATEMENT) {
          if (full == null) {
            full = connection.prepareStatement(statement(table, tuple, n));
          }
          ps = full;
        } else {
          ps = connection.prepareStatement(statement(table, tuple, n));
        }
        int p = 1;
        for (int r = from; r < from + n; r++) {
          Object[] row = rows.get(r);
          if (row.length != columns) {
            throw new IllegalArgumentException("Invalid row for " + table + ": " + row.length + " values, not "
                + columns);
          }
          for (Object v : row) {
            ps.setObject(p++, v);
          }
        }
        ps.executeUpdate();
        if (ps != full) {
          ps.close();
        }
      }
    } finally {
      if (full != null) {
        full.close();
      }
    }
  }

  private static void append(org.duckdb.DuckDBConnection connection, String table, int columns, List<Object[]> rows)
      throws SQLException {
    int dot = table.indexOf('.');
    try (org.duckdb.DuckDBAppender appender = connection.createAppender(table.substring(0, dot),
        table.substring(dot + 1))) {
      for (Object[] row : rows) {
        if (row.length != columns) {
          throw new IllegalArgumentException("Invalid row for " + table + ": " + row.length + " values, not " + columns);
        }
        appender.beginRow();
        for (Object v : row) {
          if (v == null) {
            appender.append((String) null);
          } else if (v instanceof String text) {
            appender.append(text);
          } else if (v instanceof Boolean b) {
            appender.append(b.booleanValue());
          } else if (v instanceof Integer i) {
            appender.append(i.intValue());
          } else if (v instanceof java.sql.Timestamp t) {
            appender.append(t.toInstant().atOffset(java.time.ZoneOffset.UTC).toLocalDateTime());
          } else {
            throw new IllegalArgumentException("Cannot append " + v.getClass().getSimpleName() + " to " + table);
          }
        }
        appender.endRow();
      }
    }
  }

  private static String statement(String table, String tuple, int rows) {
    StringBuilder b = new StringBuilder("INSERT INTO ").append(table).append(" VALUES ");
    for (int i = 0; i < rows; i++) {
      b.append(i == 0 ? "" : ", ").append(tuple);
    }
    return b.toString();
  }
}
