package dev.leakproof.cli.ml;

import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.project.BundledProject;
import dev.leakproof.sql.project.DbtProject;
import dev.leakproof.sql.project.ProjectLoader;
import dev.leakproof.sql.run.DbtEngine;
import dev.leakproof.sql.run.NodeResult;
import dev.leakproof.sql.run.ProjectCompiler;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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
    Path projectDir = BundledProject.extract(work.resolve("sql-project"));
    DbtProject project = ProjectLoader.load(projectDir);
    DbtEngine engine = new DbtEngine(project, warehouse, new ProjectCompiler.Options(Target.DUCKDB,
        Target.DUCKDB.adapterType(), warehouse.defaultSchema(), Map.of("as_of", asOf.toString()), false, 2, "run"),
        work.resolve("target"));
    List<NodeResult> results = engine.execute(DbtEngine.Command.RUN, select, null, r -> { });
    for (NodeResult r : results) {
      if (r.status().equals("error") || r.status().equals("skipped")) {
        throw new IllegalStateException("Cannot build " + r.name() + " (" + r.file() + "): " + r.message());
      }
    }
  }
}
