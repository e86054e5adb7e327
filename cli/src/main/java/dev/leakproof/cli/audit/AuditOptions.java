package dev.leakproof.cli.audit;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What an audit run needs, validated on construction.
 *
 * @param workDir where the warehouse file, the lake, checkpoints, the compiled SQL and the log go
 * @param parallelism parallelism of the ingestion job's keyed operators and lake writers
 * @param memoryLimit DuckDB's memory limit ({@code 4GB})
 */
public record AuditOptions(Path dataset, LocalDate asOf, Path out, Path workDir, int parallelism, String memoryLimit) {

  public AuditOptions {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(workDir, "workDir");
    if (parallelism < 1) {
      throw new IllegalArgumentException("Invalid --parallelism: " + parallelism + " (must be at least 1)");
    }
  }

  /**
   * The parallelism to run with: the given one, or for 0 half the cores (at least 1). On two cores
   * one keyed pipeline per stream beats two: the source, the lake writers and the collector
   * already share the machine.
   */
  public static int parallelismOrDefault(int requested) {
    return requested > 0 ? requested : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }
}
