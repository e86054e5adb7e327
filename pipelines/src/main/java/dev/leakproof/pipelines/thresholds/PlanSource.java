package dev.leakproof.pipelines.thresholds;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Where the threshold operators get the plan limits: fixed for a bounded run, or a folder of the
 * CRM and billing exports reread when they change, for a job that runs for months.
 */
public interface PlanSource extends Serializable {

  /** The limits in force now; the same object until the files change. */
  PlanLimits current();

  static PlanSource fixed(PlanLimits limits) {
    return new Fixed(limits);
  }

  /** contracts.csv, price_book.csv, workspaces.csv and accounts.csv of {@code dir}, reread when they change. */
  static PlanSource files(Path dir, long recheckMillis) {
    return new PlanFiles(dir, recheckMillis);
  }

  /**
   * The limits of a folder in the dataset layout, read once.
   *
   * @throws java.io.IOException when a file cannot be read
   */
  static PlanLimits read(Path dir) throws java.io.IOException {
    return PlanFiles.read(dir);
  }

  /** Fixed limits. */
  record Fixed(PlanLimits limits) implements PlanSource {
    @Override
    public PlanLimits current() {
      return limits;
    }
  }
}
