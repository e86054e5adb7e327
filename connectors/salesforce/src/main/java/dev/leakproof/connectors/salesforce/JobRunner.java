package dev.leakproof.connectors.salesforce;

import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.ErrorKind;
import dev.leakproof.connectors.api.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Waits for a Bulk API job with growing waits (poll-initial doubling up to poll-max) until it
 * finishes or the job timeout passes, and retries the safe calls (reads) on passing faults.
 */
final class JobRunner {

  private final BulkApi api;
  private final SalesforceConfig config;
  private final RetryPolicy retry;
  private final RetryPolicy.Sleeper sleeper;
  private final RandomGenerator random;
  private final Clock clock;

  JobRunner(BulkApi api, SalesforceConfig config, RetryPolicy retry, RetryPolicy.Sleeper sleeper,
      RandomGenerator random, Clock clock) {
    this.api = api;
    this.config = config;
    this.retry = retry;
    this.sleeper = sleeper;
    this.random = random;
    this.clock = clock;
  }

  /** A read retried on passing faults; when the attempts run out, its outcome is unknown. */
  <T> T read(RetryPolicy.Call<T> read) throws DestinationException {
    try {
      return retry.call(read, sleeper, random, (next, wait, cause) -> { });
    } catch (DestinationException e) {
      if (e.kind() != ErrorKind.RETRIABLE) {
        throw e;
      }
      throw new DestinationException(ErrorKind.STATE_UNKNOWN, e.code(), e.getMessage() + " (after "
          + retry.maxAttempts() + " attempts)", e);
    }
  }

  /**
   * Polls the job until it finishes.
   *
   * @throws DestinationException state-unknown when it is still running at the job timeout
   */
  BulkApi.JobInfo awaitFinished(String jobId) throws DestinationException {
    Instant deadline = clock.instant().plus(config.jobTimeout());
    Duration wait = config.pollInitial();
    while (true) {
      BulkApi.JobInfo info = read(() -> api.job(jobId));
      if (info.finished()) {
        return info;
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new DestinationException(ErrorKind.STATE_UNKNOWN, "JOB_TIMEOUT", "Job " + jobId + " is still "
            + info.state() + " after salesforce.bulk.job-timeout " + config.jobTimeout()
            + "; the next run collects its results");
      }
      sleep(wait);
      wait = wait.multipliedBy(2);
      if (wait.compareTo(config.pollMax()) > 0) {
        wait = config.pollMax();
      }
      if (wait.isZero()) {
        wait = Duration.ofMillis(10);
      }
    }
  }

  private void sleep(Duration d) throws DestinationException {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DestinationException(ErrorKind.STATE_UNKNOWN, "INTERRUPTED", "Interrupted while waiting for a job",
          e);
    }
  }
}
