package dev.leakproof.sql.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of running one node, as dbt reports it.
 *
 * @param status {@code success} or {@code error} for seeds and models, {@code pass}, {@code warn}, {@code fail}
 *     or {@code error} for tests, {@code skipped} when an upstream node failed
 * @param failures failing rows of a test; 0 otherwise
 * @param sample the first failing rows of a test, to show
 * @param threadId the thread that ran it, as run_results.json's {@code thread_id}
 */
public record NodeResult(String uniqueId, String name, String file, String status, Instant startedAt,
    Duration elapsed, long failures, String message, List<Map<String, Object>> sample, String threadId) {

  public NodeResult {
    sample = List.copyOf(sample);
  }

  public boolean ok() {
    return status.equals("success") || status.equals("pass") || status.equals("warn");
  }
}
