package dev.leakproof.cli.lake;

import dev.leakproof.cli.support.UsageException;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.lake.LakeConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lasting lake of a work folder, where the environment puts it: the folder {@code WORK/lake}
 * by default, or object storage behind a catalog ({@code LEAKPROOF_LAKE_*}).
 */
public final class WorkLake {

  private WorkLake() {}

  /**
   * The lake of {@code workDir}.
   *
   * @param hint what writes the lake, for the message when a folder lake is missing ("" for none)
   * @throws UsageException if the environment's lake settings are invalid, or the folder lake does
   *     not exist
   */
  public static Lake open(Path workDir, String hint) throws UsageException {
    Path dir = workDir.resolve("lake");
    LakeConfig config;
    try {
      config = LakeConfig.fromEnvironment(dir);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (!config.onObjectStorage() && !Files.isDirectory(dir.resolve("leakproof"))) {
      throw new UsageException("Invalid --work-dir: " + workDir + " has no lake (lake/leakproof/ is missing)" + hint);
    }
    return new Lake(config);
  }
}
