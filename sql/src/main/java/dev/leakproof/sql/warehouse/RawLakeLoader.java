package dev.leakproof.sql.warehouse;

import dev.leakproof.schemas.tables.ColumnSpec;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a warehouse's raw table in step with a lake table one commit at a time, the commit and the
 * position it moves to written in one transaction: {@link LakeTableLoader} on the embedded DuckDB
 * file, {@link dev.leakproof.sql.warehouse.snowflake.SnowflakeLakeLoader} on Snowflake.
 */
public interface RawLakeLoader {

  /**
   * The last commit loaded into the raw table, or empty when the table must be loaded from the start
   * (never loaded, or created with other columns).
   */
  Optional<LakeTableLoader.Position> position(String table, List<ColumnSpec> columns) throws SQLException;

  /** Recreates the raw table empty and forgets its position: the next load starts over. */
  void reset(String table, List<ColumnSpec> columns) throws SQLException;

  /**
   * Appends one commit's rows (with {@code _lake_snapshot_id} and {@code _lake_committed_at}) and
   * moves the position to it, in one transaction.
   *
   * @return the rows appended
   */
  long append(String table, List<ColumnSpec> columns, LakeTableLoader.Commit commit) throws SQLException;

  /**
   * Whether the warehouse reads a commit's files from this machine's disk (DuckDB: a lake on
   * object storage is read from local copies), rather than in place where the lake keeps them
   * (Snowflake, through its stage).
   */
  boolean readsLocalFiles();
}
