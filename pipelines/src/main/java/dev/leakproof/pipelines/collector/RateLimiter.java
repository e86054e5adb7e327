package dev.leakproof.pipelines.collector;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per source: {@code ratePerSecond} tokens a second up to {@code burst}; a request
 * takes one token, or is refused with the seconds until one is back (for Retry-After).
 */
public final class RateLimiter {

  private final double ratePerNano;
  private final double burst;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(double ratePerSecond, int burst) {
    this(ratePerSecond, burst, System::nanoTime);
  }

  /** A limiter reading time from {@code nanoTime} (tests). */
  public RateLimiter(double ratePerSecond, int burst, LongSupplier nanoTime) {
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.nanoTime = nanoTime;
  }

  /**
   * Takes a token of {@code source}'s bucket.
   *
   * @return 0 when the request may go ahead, else the whole seconds (1 or more) until it may
   */
  public long acquire(String source) {
    return buckets.computeIfAbsent(source, s -> new Bucket(burst, nanoTime.getAsLong())).take();
  }

  private final class Bucket {
    private double tokens;
    private long lastNanos;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.lastNanos = now;
    }

    synchronized long take() {
      long now = nanoTime.getAsLong();
      tokens = Math.min(burst, tokens + (now - lastNanos) * ratePerNano);
      lastNanos = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      double seconds = (1 - tokens) / ratePerNano / 1e9;
      return Math.max(1, (long) Math.ceil(seconds));
    }
  }
}
