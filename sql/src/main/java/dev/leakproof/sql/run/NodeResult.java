package dev.leakproof.sql.run;

import java.time.Duration;

/**
 * The outcome of running one node, as dbt reports it.
 *
 * @param status {@code success} or {@code error} for models, {@code pass}, {@code fail} or
 *     {@code error} for tests, {@code skipped} when an upstream node failed
 * @param failures failing rows of a test; rows of a built table; 0 otherwise
 */
public record NodeResult(String name, String file, String status, Duration elapsed, long failures, String message) {

  public boolean ok() {
    return status.equals("success") || status.equals("pass");
  }
}
