package dev.leakproof.cli.ml;

import dev.leakproof.cli.audit.AuditRunner;
import dev.leakproof.sql.run.DbtEngine;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Runs a selection of Leakproof's bundled models on a DuckDB warehouse for an as-of date: how the
 * risk model sees an account as it was a quarter earlier (the feature mart and what it reads,
 * rebuilt with an earlier as_of), and how the models that read the scores are refreshed after
 * scoring.
 */
final class ModelBuild {

  private ModelBuild() {}

  /** @throws IllegalStateException naming the model that failed */
  static void run(DuckDbWarehouse warehouse, Path work, LocalDate asOf, String select) throws Exception {
    DbtEngine engine = AuditRunner.bundledEngine(warehouse, work, asOf, "run");
    AuditRunner.failedTests(engine.execute(DbtEngine.Command.RUN, select, null, r -> { }));
  }
}
