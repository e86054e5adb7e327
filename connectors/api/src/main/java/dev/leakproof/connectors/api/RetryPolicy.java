package dev.leakproof.connectors.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How long to wait before the next attempt after a retriable fault: exponential backoff with full
 * jitter (AWS's "Exponential Backoff and Jitter"), capped, and never shorter than the Retry-After a
 * destination asked for.
 *
 * @param maxAttempts attempts in all, the first included (1 means no retry)
 * @param initialDelay the cap of the first wait; each next cap doubles
 * @param maxDelay the cap no wait exceeds, Retry-After aside
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

  /** Five attempts, waits capped at 0.5, 1, 2, 4 s: the engine's default. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30));

  public RetryPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException("Invalid retry max-attempts: " + maxAttempts + " (1..100)");
    }
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("Invalid retry delays: initial " + initialDelay + ", max " + maxDelay);
    }
  }

  /** Whether attempt {@code attempt} (1-based) may be followed by another. */
  public boolean retryAfterAttempt(int attempt) {
    return attempt < maxAttempts;
  }

  /**
   * The wait before attempt {@code attempt + 1}: a uniform draw in [0, min(maxDelay, initial *
   * 2^(attempt-1))], raised to the destination's Retry-After when it asked for longer.
   */
  public Duration delay(int attempt, Optional<Duration> retryAfter, RandomGenerator random) {
    long capMillis = initialDelay.toMillis();
    for (int i = 1; i < attempt && capMillis < maxDelay.toMillis(); i++) {
      capMillis *= 2;
    }
    capMillis = Math.min(capMillis, maxDelay.toMillis());
    long jittered = capMillis == 0 ? 0 : random.nextLong(capMillis + 1);
    Duration wait = Duration.ofMillis(jittered);
    if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
      wait = retryAfter.get();
    }
    return wait;
  }

  /** A destination call that may fail with a retriable fault. */
  @FunctionalInterface
  public interface Call<T> {
    T call() throws DestinationException;
  }

  /** Told of each retry: the attempt about to be made, after which wait, and why. */
  @FunctionalInterface
  public interface Retrying {
    void retrying(int nextAttempt, Duration wait, DestinationException cause);
  }

  /**
   * Makes the call, retrying retriable faults after this policy's waits.
   *
   * @throws DestinationException the last fault: a non-retriable one, or the retriable one of the
   *     last attempt
   */
  public <T> T call(Call<T> call, Sleeper sleeper, RandomGenerator random, Retrying listener)
      throws DestinationException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.call();
      } catch (DestinationException e) {
        if (e.kind() != ErrorKind.RETRIABLE || !retryAfterAttempt(attempt)) {
          throw e;
        }
        pause(attempt, e, sleeper, random, listener);
      }
    }
  }

  /** Waits this policy's delay after attempt {@code attempt} failed with {@code cause}. */
  public void pause(int attempt, DestinationException cause, Sleeper sleeper, RandomGenerator random,
      Retrying listener) throws DestinationException {
    Duration wait = delay(attempt, cause.retryAfter(), random);
    listener.retrying(attempt + 1, wait, cause);
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new DestinationException(ErrorKind.STATE_UNKNOWN, "INTERRUPTED", "Interrupted while waiting to retry "
          + cause.code(), ie);
    }
  }

  /** What sleeps between attempts: the real clock in production, a recorder in tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
  }
}
