package dev.leakproof.connectors.stripe.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Faults to inject, so clients can be tested against a misbehaving Stripe: injected 500s (refused
 * before execution, so nothing is saved under the idempotency key), "timeouts" (the request executes
 * and its result is saved, then the response is withheld or the connection dropped), and 429 storms.
 * Each fault applies to requests whose path starts with its prefix ({@code /} for all API requests;
 * never to {@code /__emulator/} or the HTML page) and is consumed as it fires. Thread-safe.
 */
public final class Faults {

  /** Every API request. */
  public static final String ALL = "/";

  /** What a timeout fault does with the executed request's response. */
  public enum TimeoutMode {
    /** Sends the response only after the hold time, when the client has usually given up. */
    HOLD,
    /** Closes the connection without any response. */
    DROP
  }

  record Timeout(TimeoutMode mode, Duration hold) {
  }

  private record Fault(String prefix, int[] remaining, long untilNanos, Object detail) {
  }

  private final List<Fault> serverErrors = new ArrayList<>();
  private final List<Fault> timeouts = new ArrayList<>();
  private final List<Fault> storms = new ArrayList<>();

  /** Answers the next {@code count} requests under {@code pathPrefix} with 500 {@code api_error}, before executing them. */
  public Faults serverErrors(int count, String pathPrefix) {
    add(serverErrors, new Fault(prefix(pathPrefix), new int[] {positive(count)}, 0, null));
    return this;
  }

  /**
   * Executes the next {@code count} requests under {@code pathPrefix} (saving their result under their
   * idempotency key), then withholds each response for {@code hold} ({@link TimeoutMode#HOLD}) or closes
   * the connection without one ({@link TimeoutMode#DROP}).
   */
  public Faults timeouts(int count, String pathPrefix, TimeoutMode mode, Duration hold) {
    if (mode == null || hold == null || hold.isNegative()) {
      throw new IllegalArgumentException("Invalid timeout fault: mode " + mode + ", hold " + hold + " (hold must not be negative)");
    }
    add(timeouts, new Fault(prefix(pathPrefix), new int[] {positive(count)}, 0, new Timeout(mode, hold)));
    return this;
  }

  /** Answers the next {@code count} requests under {@code pathPrefix} with 429 {@code rate_limit} and {@code Retry-After}. */
  public Faults rateLimitStorm(int count, String pathPrefix, int retryAfterSeconds) {
    add(storms, new Fault(prefix(pathPrefix), new int[] {positive(count)}, 0, retryAfter(retryAfterSeconds)));
    return this;
  }

  /** Answers every request under {@code pathPrefix} with 429 for {@code duration} (real time) from now. */
  public Faults rateLimitStorm(Duration duration, String pathPrefix, int retryAfterSeconds) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("Invalid rate-limit storm duration: " + duration + " (must be positive)");
    }
    add(storms, new Fault(prefix(pathPrefix), null, System.nanoTime() + duration.toNanos(), retryAfter(retryAfterSeconds)));
    return this;
  }

  /** Removes every pending fault. */
  public synchronized void clear() {
    serverErrors.clear();
    timeouts.clear();
    storms.clear();
  }

  boolean takeServerError(String path) {
    return take(serverErrors, path) != null;
  }

  Timeout takeTimeout(String path) {
    Fault f = take(timeouts, path);
    return f == null ? null : (Timeout) f.detail();
  }

  /** The Retry-After seconds of a storm covering this request, or -1. */
  int takeStorm(String path) {
    Fault f = take(storms, path);
    return f == null ? -1 : (Integer) f.detail();
  }

  private synchronized void add(List<Fault> list, Fault fault) {
    list.add(fault);
  }

  private synchronized Fault take(List<Fault> list, String path) {
    long now = System.nanoTime();
    for (Iterator<Fault> it = list.iterator(); it.hasNext(); ) {
      Fault f = it.next();
      if (f.remaining() == null && now - f.untilNanos() >= 0) {
        it.remove();
        continue;
      }
      if (path.startsWith(f.prefix())) {
        if (f.remaining() != null && --f.remaining()[0] <= 0) {
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

  private static Integer retryAfter(int seconds) {
    if (seconds < 1) {
      throw new IllegalArgumentException("Invalid fault retry-after: " + seconds + " (at least 1 second)");
    }
    return seconds;
  }

  private static String prefix(String pathPrefix) {
    if (pathPrefix == null || !pathPrefix.startsWith("/")) {
      throw new IllegalArgumentException("Invalid fault path prefix: " + pathPrefix + " (must start with /)");
    }
    return pathPrefix;
  }
}
