package dev.leakproof.cli.lake;

import dev.leakproof.cli.support.UsageException;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.sql.profile.ProfileLocator;
import dev.leakproof.sql.profile.ProfileTarget;
import dev.leakproof.sql.profile.Profiles;
import dev.leakproof.sql.profile.SnowflakeTarget;
import dev.leakproof.sql.profile.Warehouses;
import dev.leakproof.sql.project.BundledProject;
import dev.leakproof.sql.project.ProjectLoader;
import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.warehouse.LakeTableLoader;
import dev.leakproof.sql.warehouse.RawLakeLoader;
import dev.leakproof.sql.warehouse.Warehouse;
import dev.leakproof.sql.warehouse.snowflake.LakeStage;
import dev.leakproof.sql.warehouse.snowflake.SnowflakeLakeLoader;
import java.nio.file.Path;

/**
 * The warehouse of a profiles.yml output of Leakproof's SQL project (found as {@code models} and
 * {@code sync} find it) with the loader that brings the lake's commits into it: DuckDB's, or
 * Snowflake's reading the lake's files in place through an external stage. Settings are checked
 * before any connection is opened.
 */
record TargetWarehouse(Warehouse warehouse, RawLakeLoader loader) implements AutoCloseable {

  /**
   * Opens output {@code target}.
   *
   * @param stageUrl the location the Snowflake stage points at; null for the lake's own location
   * @throws UsageException if the output is Snowflake and the lake is not on object storage (and no
   *     --stage-url says where Snowflake reads it), or a stage setting is invalid
   */
  static TargetWarehouse open(String target, Path profilesDir, Lake lake, String stage, String stageUrl,
      String storageIntegration) throws Exception {
    Path project = BundledProject.extract(Path.of(".leakproof", "sql-project"));
    Path profiles = ProfileLocator.find(profilesDir, project);
    ProfileTarget profile = Profiles.load(profiles, ProjectLoader.load(project).config().profile(), target,
        System::getenv);
    LakeStage lakeStage = profile instanceof SnowflakeTarget ? stage(lake, stage, stageUrl, storageIntegration) : null;
    Warehouse w = Warehouses.open(profile, project);
    if (lakeStage != null) {
      return new TargetWarehouse(w, new SnowflakeLakeLoader(w, lakeStage));
    }
    if (w.target() == Target.DUCKDB) {
      return new TargetWarehouse(w, new LakeTableLoader(w));
    }
    w.close();
    throw new UsageException("Cannot load the lake into a " + w.target() + " warehouse");
  }

  private static LakeStage stage(Lake lake, String stage, String stageUrl, String storageIntegration)
      throws UsageException {
    String url = stageUrl != null ? stageUrl : lake.location();
    if (!url.matches("(s3[an]?|gcs|azure)://.*")) {
      throw new UsageException("Cannot load the lake into Snowflake: the lake is at " + url
          + ", which Snowflake cannot read; put the lake on object storage (LEAKPROOF_LAKE_WAREHOUSE) or give "
          + "--stage-url");
    }
    try {
      return LakeStage.of(stage, url, storageIntegration);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  @Override
  public void close() throws Exception {
    warehouse.close();
  }
}
