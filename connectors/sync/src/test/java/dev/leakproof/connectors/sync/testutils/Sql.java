package dev.leakproof.connectors.sync.testutils;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** SQL for tests: run a statement, or read rows as {@code a|b|c} strings to compare exactly. */
public final class Sql {

  private Sql() {}

  public static void execute(Connection db, String statement) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute(statement);
    }
  }

  /** Each row's cells joined by {@code |}, nulls as {@code null}. */
  public static List<String> rows(Connection db, String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(query)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(String.join("|", cells));
      }
    }
    return rows;
  }
}
