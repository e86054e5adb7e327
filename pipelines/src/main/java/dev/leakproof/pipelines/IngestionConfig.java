package dev.leakproof.pipelines;

import dev.leakproof.schemas.events.ReferenceData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of one ingestion run, validated on construction.
 *
 * @param usageFiles usage event files in arrival (file-name) order
 * @param seatFiles seat event files in arrival order
 * @param lakeDir the Iceberg warehouse folder
 * @param parallelism parallelism of the keyed hygiene operators and the lake writers (the file
 *     source always reads at 1: arrival order is one sequence)
 * @param checkpointInterval how often state and lake commits are checkpointed; zero turns
 *     checkpoints off, which suits a bounded run: the lake tables are then committed once, at the
 *     end of input, and a failed run restarts from the first line (Iceberg's committer records
 *     the job's commit, so a restarted job never commits twice)
 * @param checkpointDir where checkpoints are kept (filesystem storage: heap state of a large
 *     run does not fit the 5 MB in-memory limit)
 * @param thresholds the plan limits and levels of threshold events, or null for none
 */
public record IngestionConfig(
    List<Path> usageFiles,
    List<Path> seatFiles,
    ReferenceData reference,
    Path lakeDir,
    int parallelism,
    Duration checkpointInterval,
    Path checkpointDir,
    dev.leakproof.pipelines.thresholds.ThresholdSettings thresholds) {

  /** Key names as they appear in config files and --help. */
  public static final String PARALLELISM_KEY = "pipelines.ingest.parallelism";
  public static final String CHECKPOINT_INTERVAL_KEY = "pipelines.ingest.checkpoint-interval";

  public IngestionConfig {
    usageFiles = List.copyOf(usageFiles);
    seatFiles = List.copyOf(seatFiles);
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(lakeDir, "lakeDir");
    Objects.requireNonNull(checkpointDir, "checkpointDir");
    if (parallelism < 1 || parallelism > 256) {
      throw new IllegalArgumentException("Invalid " + PARALLELISM_KEY + ": " + parallelism + " (must be 1..256)");
    }
    if (!checkpointInterval.isZero() && checkpointInterval.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("Invalid " + CHECKPOINT_INTERVAL_KEY + ": " + checkpointInterval
          + " (must be at least 100 ms)");
    }
  }

  /** Without threshold events. */
  public IngestionConfig(List<Path> usageFiles, List<Path> seatFiles, ReferenceData reference, Path lakeDir,
      int parallelism, Duration checkpointInterval, Path checkpointDir) {
    this(usageFiles, seatFiles, reference, lakeDir, parallelism, checkpointInterval, checkpointDir, null);
  }

  /** Defaults for a bounded run on this machine: parallelism of the available cores, no checkpoints. */
  public static IngestionConfig defaults(List<Path> usageFiles, List<Path> seatFiles, ReferenceData reference,
      Path workDir) {
    return new IngestionConfig(usageFiles, seatFiles, reference, workDir.resolve("lake"),
        Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), Duration.ZERO,
        workDir.resolve("checkpoints"));
  }
}
