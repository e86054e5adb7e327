package dev.leakproof.cli.lake;

import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.lake.LakeSnapshots;
import dev.leakproof.pipelines.lake.LakeTable;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import dev.leakproof.sql.warehouse.LakeTableLoader;
import dev.leakproof.sql.warehouse.RawLakeLoader;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The warehouse follows the lake: for each lake table, the commits made since the warehouse's last
 * load (Iceberg's append snapshots after the one recorded in {@code raw._lake_position}) are
 * appended to its raw table, oldest first, each in its own transaction. History is never read
 * again; a table whose recorded commit is gone from the lake's history (or whose raw table has
 * older columns) is loaded again from the start.
 */
public final class LakeWarehouseSync {

  private final Lake lake;
  private final LakeSnapshots snapshots;
  private final RawLakeLoader loader;

  public LakeWarehouseSync(Lake lake, DuckDbWarehouse warehouse) {
    this(lake, new LakeTableLoader(warehouse));
  }

  /** Into the warehouse {@code loader} writes: DuckDB's {@link LakeTableLoader} or Snowflake's loader. */
  public LakeWarehouseSync(Lake lake, RawLakeLoader loader) {
    this.lake = lake;
    this.snapshots = new LakeSnapshots(lake);
    this.loader = loader;
  }

  /**
   * What one table's load did.
   *
   * @param reloaded true when the table was loaded from the start
   */
  public record TableLoad(String table, int commits, long rows, Long snapshotId, boolean reloaded) {}

  /**
   * Loads every table up to the lake as it was at {@code asOf} (its current state when null).
   */
  public List<TableLoad> load(Instant asOf) throws SQLException {
    List<TableLoad> out = new ArrayList<>();
    for (LakeTable table : LakeTable.values()) {
      out.add(load(table, asOf));
    }
    return out;
  }

  private TableLoad load(LakeTable table, Instant asOf) throws SQLException {
    String name = table.tableName();
    Optional<LakeTableLoader.Position> position = loader.position(name, table.warehouseColumns());
    boolean reloaded = position.isEmpty();
    List<LakeSnapshots.Appended> commits;
    if (position.isPresent()) {
      try {
        commits = snapshots.appendedAfter(table, position.get().snapshotId(), asOf);
      } catch (IllegalStateException gone) {
        reloaded = true;
        commits = null;
      }
    } else {
      commits = null;
    }
    if (reloaded) {
      loader.reset(name, table.warehouseColumns());
      commits = snapshots.appendedAfter(table, null, asOf);
    }
    long rows = 0;
    Long last = position.map(LakeTableLoader.Position::snapshotId).orElse(null);
    for (LakeSnapshots.Appended commit : commits) {
      List<String> files = loader.readsLocalFiles() ? lake.readablePaths(table, commit.files()) : commit.files();
      rows += loader.append(name, table.warehouseColumns(),
          new LakeTableLoader.Commit(commit.snapshotId(), commit.committedAt(), files));
      last = commit.snapshotId();
    }
    return new TableLoad(name, commits.size(), rows, last, reloaded);
  }
}
