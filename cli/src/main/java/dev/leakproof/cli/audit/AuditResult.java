package dev.leakproof.cli.audit;

import dev.leakproof.core.CaptureStats;
import dev.leakproof.core.Finding;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What an audit produced: its findings, hygiene counters, how long each stage took, and the
 * data tests that failed (a warning: the findings are still written).
 *
 * @param ingestJobRuntime the Flink job's own run time, start-up of the local cluster excluded
 * @param eventLines event lines read by the ingestion job
 */
public record AuditResult(
    List<Finding> findings,
    Map<String, CaptureStats> capture,
    long quarantinedLines,
    long rejectedRows,
    Map<String, Duration> stageTimes,
    List<String> failedTests,
    Path findingsFile,
    Path quarantineFile,
    Path captureFile,
    Path workDir,
    Duration ingestJobRuntime,
    long eventLines) {

  public AuditResult {
    findings = List.copyOf(findings);
    capture = Map.copyOf(capture);
    stageTimes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stageTimes));
    failedTests = List.copyOf(failedTests);
  }

  public Duration total() {
    return stageTimes.values().stream().reduce(Duration.ZERO, Duration::plus);
  }
}
