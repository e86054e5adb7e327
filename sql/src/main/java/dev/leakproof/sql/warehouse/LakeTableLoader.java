package dev.leakproof.sql.warehouse;

import dev.leakproof.schemas.tables.ColumnSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Keeps a raw table of the warehouse in step with a lake table, one commit at a time: the rows of
 * each commit's Parquet files are appended with the commit's snapshot id and instant
 * ({@code _lake_snapshot_id}, {@code _lake_committed_at}), and the last commit loaded is kept in
 * {@code raw._lake_position} in the same transaction, so a load killed half-way is repeated
 * whole and a daily build reads only what the lake committed since the last one. Columns a file
 * lacks (written before a column was added to the lake) read as null.
 */
public final class LakeTableLoader implements RawLakeLoader {

  /** Columns every raw lake table gets besides the lake's own. */
  public static final List<ColumnSpec> LAKE_COLUMNS = List.of(
      new ColumnSpec("_lake_snapshot_id", "BIGINT"), new ColumnSpec("_lake_committed_at", "TIMESTAMP"));

  static final String POSITION = RawLoader.RAW + "._lake_position";

  private final Warehouse warehouse;

  /**
   * @param warehouse a DuckDB warehouse (the file, or a profiles.yml output of type duckdb)
   * @throws IllegalArgumentException for another warehouse (Snowflake has its own loader)
   */
  public LakeTableLoader(Warehouse warehouse) {
    if (warehouse.target() != dev.leakproof.sql.compile.Target.DUCKDB) {
      throw new IllegalArgumentException("Cannot load the lake with DuckDB's loader into a " + warehouse.target()
          + " warehouse");
    }
    this.warehouse = warehouse;
  }

  /** Where a raw table stands: the last commit loaded. */
  public record Position(String table, long snapshotId, Instant committedAt, Instant loadedAt, long rows) {}

  /** One commit to load: its snapshot, instant and files. */
  public record Commit(long snapshotId, Instant committedAt, List<String> files) {}

  /**
   * The last commit loaded into {@code raw.<table>}, or empty when the table must be loaded from
   * the start (never loaded, or created by an older Leakproof without the lake columns).
   */
  @Override
  public Optional<Position> position(String table, List<ColumnSpec> columns) throws SQLException {
    ensurePositionTable();
    if (!matches(table, columns)) {
      return Optional.empty();
    }
    List<Map<String, Object>> rows = warehouse.query("SELECT snapshot_id, committed_at, loaded_at, rows_loaded FROM "
        + POSITION + " WHERE table_name = '" + table.replace("'", "''") + "'");
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> r = rows.get(0);
    return Optional.of(new Position(table, ((Number) r.get("snapshot_id")).longValue(), instant(r.get("committed_at")),
        instant(r.get("loaded_at")), ((Number) r.get("rows_loaded")).longValue()));
  }

  /** Drops and recreates {@code raw.<table>} empty, forgetting its position: the next load starts over. */
  @Override
  public void reset(String table, List<ColumnSpec> columns) throws SQLException {
    ensurePositionTable();
    warehouse.execute("CREATE SCHEMA IF NOT EXISTS " + RawLoader.RAW);
    StringJoiner ddl = new StringJoiner(", ");
    for (ColumnSpec c : all(columns)) {
      ddl.add(c.name() + " " + c.sqlType());
    }
    warehouse.execute("CREATE OR REPLACE TABLE " + RawLoader.RAW + "." + table + " (" + ddl + ")");
    warehouse.execute("DELETE FROM " + POSITION + " WHERE table_name = '" + table.replace("'", "''") + "'");
  }

  /**
   * Appends one commit's rows and moves the position to it, in one transaction.
   *
   * @return the rows appended
   */
  @Override
  public long append(String table, List<ColumnSpec> columns, Commit commit) throws SQLException {
    Connection c = warehouse.connection();
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      long rows = 0;
      if (!commit.files().isEmpty()) {
        String files = fileList(commit.files());
        Set<String> present = columnsIn(st, files);
        StringJoiner select = new StringJoiner(", ");
        for (ColumnSpec col : columns) {
          select.add((present.contains(col.name()) ? "CAST(" + col.name() + " AS " + col.sqlType() + ")"
              : "CAST(NULL AS " + col.sqlType() + ")") + " AS " + col.name());
        }
        select.add(commit.snapshotId() + " AS _lake_snapshot_id");
        select.add("TIMESTAMP '" + java.time.LocalDateTime.ofInstant(commit.committedAt(), java.time.ZoneOffset.UTC)
            .toString().replace('T', ' ') + "' AS _lake_committed_at");
        rows = st.executeUpdate("INSERT INTO " + RawLoader.RAW + "." + table + " SELECT " + select
            + " FROM read_parquet(" + files + ", union_by_name = true)");
      }
      try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO " + POSITION
          + " (table_name, snapshot_id, committed_at, loaded_at, rows_loaded) VALUES (?, ?, ?, ?, "
          + "coalesce((SELECT rows_loaded FROM " + POSITION + " WHERE table_name = ?), 0) + ?)")) {
        p.setString(1, table);
        p.setLong(2, commit.snapshotId());
        p.setObject(3, java.time.LocalDateTime.ofInstant(commit.committedAt(), java.time.ZoneOffset.UTC));
        p.setObject(4, java.time.LocalDateTime.ofInstant(Instant.now(), java.time.ZoneOffset.UTC));
        p.setString(5, table);
        p.setLong(6, rows);
        p.executeUpdate();
      }
      c.commit();
      return rows;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  @Override
  public boolean readsLocalFiles() {
    return true;
  }

  private void ensurePositionTable() throws SQLException {
    warehouse.execute("CREATE SCHEMA IF NOT EXISTS " + RawLoader.RAW);
    warehouse.execute("CREATE TABLE IF NOT EXISTS " + POSITION + " (table_name VARCHAR PRIMARY KEY, "
        + "snapshot_id BIGINT NOT NULL, committed_at TIMESTAMP NOT NULL, loaded_at TIMESTAMP NOT NULL, "
        + "rows_loaded BIGINT NOT NULL)");
  }

  /** Whether {@code raw.<table>} exists with exactly the lake's columns and the lake columns. */
  private boolean matches(String table, List<ColumnSpec> columns) throws SQLException {
    List<Map<String, Object>> rows = warehouse.query("SELECT column_name FROM information_schema.columns WHERE "
        + "table_schema = '" + RawLoader.RAW + "' AND table_name = '" + table.replace("'", "''")
        + "' ORDER BY ordinal_position");
    List<String> have = new ArrayList<>();
    rows.forEach(r -> have.add(String.valueOf(r.get("column_name"))));
    return have.equals(all(columns).stream().map(ColumnSpec::name).toList());
  }

  private static List<ColumnSpec> all(List<ColumnSpec> columns) {
    List<ColumnSpec> out = new ArrayList<>(columns);
    out.addAll(LAKE_COLUMNS);
    return out;
  }

  private static Set<String> columnsIn(Statement st, String files) throws SQLException {
    Set<String> names = new HashSet<>();
    try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + files + ", union_by_name = true)")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  /** DuckDB's list literal of file paths, for {@code read_parquet(...)}: {@code ['a.parquet', 'b.parquet']}. */
  public static String fileList(List<String> files) {
    StringJoiner list = new StringJoiner(", ", "[", "]");
    for (String f : files) {
      list.add("'" + f.replace("'", "''") + "'");
    }
    return list.toString();
  }

  private static Instant instant(Object value) {
    if (value instanceof java.time.LocalDateTime t) {
      return t.toInstant(java.time.ZoneOffset.UTC);
    }
    if (value instanceof Timestamp t) {
      return t.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
    }
    throw new IllegalStateException("Cannot read a position instant: " + value);
  }
}
