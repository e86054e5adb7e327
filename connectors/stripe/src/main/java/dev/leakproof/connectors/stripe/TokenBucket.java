package dev.leakproof.connectors.stripe;

import dev.leakproof.connectors.api.RetryPolicy;
import java.time.Duration;

/**
 * Paces requests (or events) to a rate: a bucket of one second's worth of tokens refilled
 * continuously; {@link #acquire} waits until enough are there. A 429's Retry-After empties the
 * bucket until then, so every caller slows down, not just the one that was refused.
 */
public final class TokenBucket {

  /** The time source; {@link System#nanoTime} in production. */
  @FunctionalInterface
  public interface Ticker {
    long nanos();

    Ticker SYSTEM = System::nanoTime;
  }

  private final double ratePerNano;
  private final double capacity;
  private final Ticker ticker;
  private final RetryPolicy.Sleeper sleeper;
  private double tokens;
  private long last;

  /** @param perSecond tokens per second; the bucket holds one second's worth */
  public TokenBucket(double perSecond, Ticker ticker, RetryPolicy.Sleeper sleeper) {
    if (perSecond <= 0) {
      throw new IllegalArgumentException("Invalid rate: " + perSecond + " per second");
    }
    this.ratePerNano = perSecond / 1e9;
    this.capacity = Math.max(1, perSecond);
    this.ticker = ticker;
    this.sleeper = sleeper;
    this.last = ticker.nanos();
    this.tokens = capacity;
  }

  /**
   * Takes {@code n} tokens, waiting for them.
   *
   * @throws InterruptedException when interrupted while waiting
   */
  public synchronized void acquire(double n) throws InterruptedException {
    double want = Math.min(n, capacity);
    while (true) {
      refill();
      if (tokens >= want) {
        tokens -= n;
        return;
      }
      long waitNanos = (long) Math.ceil((want - tokens) / ratePerNano);
      sleeper.sleep(Duration.ofNanos(Math.max(waitNanos, 100_000)));
    }
  }

  /** Stripe said to wait: no token until {@code retryAfter} has passed. */
  public synchronized void pause(Duration retryAfter) {
    refill();
    tokens = Math.min(tokens, 0) - retryAfter.toNanos() * ratePerNano;
  }

  private void refill() {
    long now = ticker.nanos();
    tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);
    last = now;
  }
}
