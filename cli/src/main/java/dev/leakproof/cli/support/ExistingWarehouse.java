package dev.leakproof.cli.support;

import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/** Opens the DuckDB warehouse a command's {@code --warehouse} names, refusing a path with no file. */
public final class ExistingWarehouse {

  private ExistingWarehouse() {}

  /** @throws UsageException naming the path when there is no file there (DuckDB would create one) */
  public static DuckDbWarehouse open(Path warehouse) throws SQLException, UsageException {
    if (!Files.isRegularFile(warehouse)) {
      throw new UsageException("Invalid --warehouse: no file at " + warehouse);
    }
    return DuckDbWarehouse.open(DuckDbWarehouse.Settings.defaults(warehouse));
  }
}
