package dev.leakproof.connectors.stripe.emulator;

import java.util.function.LongSupplier;

/**
 * A token bucket refilled continuously at {@code perSecond} tokens a second and holding at most one
 * second's worth (the burst). A request costing more than is left is refused with the wait until it
 * would fit; a request costing more than the whole burst is let through from a full bucket and drives
 * the level below zero, so the long-run rate still holds. Real (monotonic) time, not the emulator clock.
 */
final class TokenBucket {

  private final double perNano;
  private final double capacity;
  private final LongSupplier nanoTime;
  private double tokens;
  private long last;

  TokenBucket(int perSecond, LongSupplier nanoTime) {
    this.perNano = perSecond / 1e9;
    this.capacity = perSecond;
    this.nanoTime = nanoTime;
    this.tokens = capacity;
    this.last = nanoTime.getAsLong();
  }

  /** Takes {@code cost} tokens and returns 0, or takes none and returns the nanoseconds until they would be there. */
  synchronized long tryTake(int cost) {
    long now = nanoTime.getAsLong();
    tokens = Math.min(capacity, tokens + (now - last) * perNano);
    last = now;
    double needed = Math.min(cost, capacity);
    if (tokens >= needed) {
      tokens -= cost;
      return 0;
    }
    return (long) Math.ceil((needed - tokens) / perNano);
  }

  synchronized void refill() {
    tokens = capacity;
    last = nanoTime.getAsLong();
  }
}
