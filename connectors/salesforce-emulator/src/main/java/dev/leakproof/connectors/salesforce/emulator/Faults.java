package dev.leakproof.connectors.salesforce.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Faults to inject on request, so clients can be tested against a misbehaving org: HTTP 429/503 with
 * {@code Retry-After}, dropped connections, rows failing {@code UNABLE_TO_LOCK_ROW}, slow jobs, and a
 * job failing outright. Each fault is consumed as it fires; {@link #clear()} removes all. Thread-safe.
 */
public final class Faults {

  /** Path prefix of every REST and Bulk API call; the default scope of HTTP faults. */
  public static final String API_PREFIX = "/services/data/";

  /** An HTTP status fault still to fire. */
  record HttpFault(int status, int retryAfterSeconds, String pathPrefix, AtomicInteger remaining) {
  }

  /** How long closed jobs stay InProgress: a number of GET polls and/or a duration. */
  record Slowness(int polls, Duration duration) {
  }

  private final List<HttpFault> statusFaults = new ArrayList<>();
  private final List<HttpFault> drops = new ArrayList<>();
  private final AtomicInteger lockedRows = new AtomicInteger();
  private final AtomicReference<Slowness> slowness = new AtomicReference<>();
  private final AtomicReference<String> nextJobFailure = new AtomicReference<>();

  /** Answers the next {@code count} API calls with 429 Too Many Requests and {@code Retry-After}. */
  public Faults tooManyRequests(int count, int retryAfterSeconds) {
    return respondWith(429, count, retryAfterSeconds, API_PREFIX);
  }

  /** Answers the next {@code count} API calls with 503 Service Unavailable and {@code Retry-After}. */
  public Faults serviceUnavailable(int count, int retryAfterSeconds) {
    return respondWith(503, count, retryAfterSeconds, API_PREFIX);
  }

  /**
   * Answers the next {@code count} requests whose path starts with {@code pathPrefix} (e.g.
   * {@code /services/oauth2/token} or {@code /services/data/v62.0/jobs/ingest}) with {@code status}.
   *
   * @throws IllegalArgumentException if the status is not 429 or 503, or a count is not positive
   */
  public Faults respondWith(int status, int count, int retryAfterSeconds, String pathPrefix) {
    if (status != 429 && status != 503) {
      throw new IllegalArgumentException("Invalid fault status: " + status + " (429 or 503)");
    }
    if (retryAfterSeconds < 0) {
      throw new IllegalArgumentException("Invalid fault retry-after: " + retryAfterSeconds + " (must not be negative)");
    }
    add(statusFaults, new HttpFault(status, retryAfterSeconds, prefix(pathPrefix), new AtomicInteger(positive(count))));
    return this;
  }

  /** Closes the connection without any response for the next {@code count} requests under {@code pathPrefix}. */
  public Faults dropConnections(int count, String pathPrefix) {
    add(drops, new HttpFault(0, 0, prefix(pathPrefix), new AtomicInteger(positive(count))));
    return this;
  }

  /** Fails the next {@code count} processed bulk rows with {@code UNABLE_TO_LOCK_ROW}. */
  public Faults lockRows(int count) {
    lockedRows.addAndGet(positive(count));
    return this;
  }

  /** Keeps every job closed from now on InProgress until it has been polled {@code polls} times. */
  public Faults slowJobs(int polls) {
    slowness.set(new Slowness(positive(polls), Duration.ZERO));
    return this;
  }

  /** Keeps every job closed from now on InProgress for at least {@code duration} after it was closed. */
  public Faults slowJobs(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("Invalid slow-jobs duration: " + duration + " (must be positive)");
    }
    slowness.set(new Slowness(0, duration));
    return this;
  }

  /** Makes the next job to be processed end Failed with {@code errorMessage} and no row processed. */
  public Faults failNextJob(String errorMessage) {
    if (errorMessage == null || errorMessage.isBlank()) {
      throw new IllegalArgumentException("Invalid fail-next-job message: blank");
    }
    nextJobFailure.set(errorMessage);
    return this;
  }

  /** Removes every pending fault. */
  public synchronized void clear() {
    statusFaults.clear();
    drops.clear();
    lockedRows.set(0);
    slowness.set(null);
    nextJobFailure.set(null);
  }

  HttpFault takeStatusFault(String path) {
    return take(statusFaults, path);
  }

  boolean takeDrop(String path) {
    return take(drops, path) != null;
  }

  boolean takeLockedRow() {
    return lockedRows.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  Slowness slowness() {
    return slowness.get();
  }

  String takeJobFailure() {
    return nextJobFailure.getAndSet(null);
  }

  private synchronized void add(List<HttpFault> list, HttpFault fault) {
    list.add(fault);
  }

  private synchronized HttpFault take(List<HttpFault> list, String path) {
    for (Iterator<HttpFault> it = list.iterator(); it.hasNext(); ) {
      HttpFault f = it.next();
      if (path.startsWith(f.pathPrefix())) {
        if (f.remaining().decrementAndGet() <= 0) {
          it.remove();
        }
        return f;
      }
    }
    return null;
  }

  private static int positive(int count) {
    if (count <= 0) {
      throw new IllegalArgumentException("Invalid fault count: " + count + " (must be positive)");
    }
    return count;
  }

  private static String prefix(String pathPrefix) {
    if (pathPrefix == null || !pathPrefix.startsWith("/")) {
      throw new IllegalArgumentException("Invalid fault path prefix: " + pathPrefix + " (must start with /)");
    }
    return pathPrefix;
  }
}
