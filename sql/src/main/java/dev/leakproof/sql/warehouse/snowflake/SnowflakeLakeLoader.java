package dev.leakproof.sql.warehouse.snowflake;

import dev.leakproof.schemas.tables.ColumnSpec;
import dev.leakproof.sql.warehouse.LakeTableLoader;
import dev.leakproof.sql.warehouse.RawLakeLoader;
import dev.leakproof.sql.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The lake's commits into Snowflake's raw tables, exactly once: each commit's Parquet data files are
 * read in place through an external stage over the lake's bucket and inserted with the commit's
 * snapshot id and instant, and {@code RAW._LAKE_POSITION} moves to the commit in the same
 * transaction — the same contract as {@link LakeTableLoader} on DuckDB, so the models (which read
 * {@code _lake_snapshot_id} and {@code _lake_committed_at}) build on Snowflake from the same rows.
 * A load killed half-way rolls back whole and is repeated from the recorded position; Iceberg
 * commits a file to one snapshot only, so a file is never read twice. Columns a file lacks (written
 * before the lake gained them) read as null, since {@code $1:name} of a missing field is null.
 */
public final class SnowflakeLakeLoader implements RawLakeLoader {

  /** The Parquet file format the stage reads with: Parquet's logical types (timestamps, decimals) kept. */
  static final String FILE_FORMAT = "RAW.LEAKPROOF_LAKE_PARQUET";
  static final String POSITION = "RAW._LAKE_POSITION";
  /** Files per INSERT: one statement stays well inside Snowflake's statement size limits. */
  static final int FILES_PER_INSERT = 50;

  private final Warehouse warehouse;
  private final LakeStage stage;
  private boolean ensured;

  public SnowflakeLakeLoader(Warehouse warehouse, LakeStage stage) {
    this.warehouse = warehouse;
    this.stage = stage;
  }

  /** The statements that create what the loads need, each idempotent. */
  public List<String> setupStatements() {
    List<String> out = new ArrayList<>();
    out.add("CREATE SCHEMA IF NOT EXISTS RAW");
    out.add("CREATE FILE FORMAT IF NOT EXISTS " + FILE_FORMAT + " TYPE = PARQUET USE_LOGICAL_TYPE = TRUE");
    if (stage.storageIntegration() != null) {
      out.add("CREATE STAGE IF NOT EXISTS " + stage.name() + " URL = '" + stage.url() + "' STORAGE_INTEGRATION = "
          + stage.storageIntegration() + " FILE_FORMAT = " + FILE_FORMAT);
    }
    out.add("CREATE TABLE IF NOT EXISTS " + POSITION + " (TABLE_NAME VARCHAR NOT NULL PRIMARY KEY, "
        + "SNAPSHOT_ID NUMBER(38,0) NOT NULL, COMMITTED_AT TIMESTAMP_NTZ NOT NULL, LOADED_AT TIMESTAMP_NTZ NOT NULL, "
        + "ROWS_LOADED NUMBER(38,0) NOT NULL)");
    return out;
  }

  @Override
  public Optional<LakeTableLoader.Position> position(String table, List<ColumnSpec> columns) throws SQLException {
    ensure();
    List<String> have = warehouse.columns("RAW", table.toUpperCase(Locale.ROOT)).stream()
        .map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
    if (!have.equals(all(columns).stream().map(ColumnSpec::name).toList())) {
      return Optional.empty();
    }
    List<Map<String, Object>> rows = warehouse.query("SELECT SNAPSHOT_ID, COMMITTED_AT, LOADED_AT, ROWS_LOADED FROM "
        + POSITION + " WHERE TABLE_NAME = '" + table.toUpperCase(Locale.ROOT) + "'");
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> r = rows.get(0);
    return Optional.of(new LakeTableLoader.Position(table, number(r, "SNAPSHOT_ID"), instant(r, "COMMITTED_AT"),
        instant(r, "LOADED_AT"), number(r, "ROWS_LOADED")));
  }

  @Override
  public void reset(String table, List<ColumnSpec> columns) throws SQLException {
    ensure();
    for (String sql : resetStatements(table, columns)) {
      warehouse.execute(sql);
    }
  }

  /** The statements of {@link #reset}: the raw table recreated empty and its position forgotten. */
  public List<String> resetStatements(String table, List<ColumnSpec> columns) {
    StringJoiner ddl = new StringJoiner(", ");
    for (ColumnSpec c : all(columns)) {
      ddl.add(c.name().toUpperCase(Locale.ROOT) + " " + snowflakeType(c.sqlType()));
    }
    return List.of("CREATE OR REPLACE TABLE RAW." + table.toUpperCase(Locale.ROOT) + " (" + ddl + ")",
        "DELETE FROM " + POSITION + " WHERE TABLE_NAME = '" + table.toUpperCase(Locale.ROOT) + "'");
  }

  @Override
  public long append(String table, List<ColumnSpec> columns, LakeTableLoader.Commit commit) throws SQLException {
    ensure();
    List<String> inserts = insertStatements(table, columns, commit);
    Connection c = warehouse.connection();
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      long rows = 0;
      for (String insert : inserts) {
        rows += st.executeUpdate(insert);
      }
      st.executeUpdate(positionStatement(table, commit, rows, Instant.now()));
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
    return false;
  }

  /**
   * The INSERTs of one commit: its files read through the stage, {@value #FILES_PER_INSERT} to a
   * statement, each column cast to the raw table's type, with the commit's snapshot id and instant.
   *
   * @throws IllegalArgumentException if a file is not under the stage's URL
   */
  public List<String> insertStatements(String table, List<ColumnSpec> columns, LakeTableLoader.Commit commit) {
    StringJoiner select = new StringJoiner(", ");
    for (ColumnSpec col : columns) {
      select.add("$1:" + col.name() + "::" + snowflakeType(col.sqlType()));
    }
    select.add(commit.snapshotId() + "");
    select.add("'" + timestamp(commit.committedAt()) + "'::TIMESTAMP_NTZ");
    StringJoiner names = new StringJoiner(", ");
    all(columns).forEach(c -> names.add(c.name().toUpperCase(Locale.ROOT)));
    List<String> out = new ArrayList<>();
    List<String> files = commit.files();
    for (int from = 0; from < files.size(); from += FILES_PER_INSERT) {
      StringJoiner union = new StringJoiner(" UNION ALL ");
      for (String file : files.subList(from, Math.min(files.size(), from + FILES_PER_INSERT))) {
        union.add("SELECT " + select + " FROM " + stage.reference(file) + " (FILE_FORMAT => '" + FILE_FORMAT + "')");
      }
      out.add("INSERT INTO RAW." + table.toUpperCase(Locale.ROOT) + " (" + names + ") " + union);
    }
    return out;
  }

  /** Moves the table's position to {@code commit}, adding {@code rows} to the rows it loaded. */
  public String positionStatement(String table, LakeTableLoader.Commit commit, long rows, Instant loadedAt) {
    String name = table.toUpperCase(Locale.ROOT);
    return "MERGE INTO " + POSITION + " p USING (SELECT '" + name + "' AS TABLE_NAME, " + commit.snapshotId()
        + " AS SNAPSHOT_ID, '" + timestamp(commit.committedAt()) + "'::TIMESTAMP_NTZ AS COMMITTED_AT, '"
        + timestamp(loadedAt) + "'::TIMESTAMP_NTZ AS LOADED_AT, " + rows + " AS ROWS_LOADED) s "
        + "ON p.TABLE_NAME = s.TABLE_NAME "
        + "WHEN MATCHED THEN UPDATE SET SNAPSHOT_ID = s.SNAPSHOT_ID, COMMITTED_AT = s.COMMITTED_AT, "
        + "LOADED_AT = s.LOADED_AT, ROWS_LOADED = p.ROWS_LOADED + s.ROWS_LOADED "
        + "WHEN NOT MATCHED THEN INSERT (TABLE_NAME, SNAPSHOT_ID, COMMITTED_AT, LOADED_AT, ROWS_LOADED) "
        + "VALUES (s.TABLE_NAME, s.SNAPSHOT_ID, s.COMMITTED_AT, s.LOADED_AT, s.ROWS_LOADED)";
  }

  /**
   * Snowflake's type for a raw column's type as the lake tables declare it (DuckDB's spelling).
   *
   * @throws IllegalArgumentException for a type the lake tables do not use
   */
  static String snowflakeType(String sqlType) {
    String t = sqlType.trim().toUpperCase(Locale.ROOT);
    if (t.startsWith("DECIMAL(")) {
      return "NUMBER" + t.substring("DECIMAL".length());
    }
    return switch (t) {
      case "VARCHAR" -> "VARCHAR";
      case "BIGINT", "INTEGER" -> "NUMBER(38,0)";
      case "DATE" -> "DATE";
      case "TIMESTAMP" -> "TIMESTAMP_NTZ";
      case "BOOLEAN" -> "BOOLEAN";
      case "DOUBLE" -> "FLOAT";
      default -> throw new IllegalArgumentException("Cannot load a column of type " + sqlType + " into Snowflake");
    };
  }

  private void ensure() throws SQLException {
    if (!ensured) {
      for (String sql : setupStatements()) {
        warehouse.execute(sql);
      }
      ensured = true;
    }
  }

  private static List<ColumnSpec> all(List<ColumnSpec> columns) {
    List<ColumnSpec> out = new ArrayList<>(columns);
    out.addAll(LakeTableLoader.LAKE_COLUMNS);
    return out;
  }

  private static final java.time.format.DateTimeFormatter TIMESTAMP =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

  private static String timestamp(Instant instant) {
    return TIMESTAMP.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  private static long number(Map<String, Object> row, String key) {
    return ((Number) row.get(key)).longValue();
  }

  private static Instant instant(Map<String, Object> row, String key) {
    Object v = row.get(key);
    if (v instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
    if (v instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC);
    }
    throw new IllegalStateException("Unexpected " + key + " in " + POSITION + ": " + v);
  }
}
