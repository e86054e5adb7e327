package dev.leakproof.cli.renewals;

import dev.leakproof.cli.support.UsageException;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/** What the renewal steps share: reading a lane, with one-line errors. */
final class RenewalSteps {

  static final Set<String> LANES = Set.of("T-90", "T-60", "T-30", "later");

  private RenewalSteps() {}

  static List<Renewal> lane(DuckDbWarehouse db, String lane) throws UsageException {
    if (!LANES.contains(lane)) {
      throw new UsageException("Invalid --lane: '" + lane + "' (T-90, T-60, T-30 or later)");
    }
    try {
      return Renewal.inLane(db.connection(), db.defaultSchema(), lane);
    } catch (SQLException e) {
      throw new UsageException("Cannot read the renewal pipeline: " + e.getMessage().lines().findFirst().orElse("")
          + " (build it first: leakproof models run -s renewal_pipeline+)");
    }
  }
}
