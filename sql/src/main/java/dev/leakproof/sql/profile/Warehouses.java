package dev.leakproof.sql.profile;

import dev.leakproof.sql.warehouse.Warehouse;
import dev.leakproof.sql.warehouse.snowflake.SnowflakeWarehouse;
import java.nio.file.Path;
import java.sql.SQLException;

/** Opens the warehouse a profiles.yml output describes: embedded DuckDB or Snowflake. */
public final class Warehouses {

  private Warehouses() {}

  /**
   * Opens a connection for the output; the caller closes it.
   *
   * @param projectDir the folder relative paths in profiles.yml are resolved against
   * @throws SQLException when the warehouse cannot be opened or reached
   */
  public static Warehouse open(ProfileTarget target, Path projectDir) throws SQLException {
    if (target instanceof DuckDbTarget duckDb) {
      return ProfiledDuckDb.open(duckDb, projectDir);
    }
    if (target instanceof SnowflakeTarget snowflake) {
      return SnowflakeWarehouse.open(snowflake, projectDir);
    }
    throw new IllegalArgumentException("Cannot open target " + target.name() + ": type " + target.target()
        + " has no warehouse");
  }
}
