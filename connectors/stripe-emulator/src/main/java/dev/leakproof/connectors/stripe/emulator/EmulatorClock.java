package dev.leakproof.connectors.stripe.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's notion of "now" for every Stripe time rule (35 days, 5 minutes, 24 hours, 15
 * minutes): the configured clock plus an offset that tests move forward with {@link #advance}.
 */
final class EmulatorClock {

  private final Clock base;
  private final AtomicLong offsetMillis = new AtomicLong();

  EmulatorClock(Clock base) {
    this.base = base;
  }

  Instant now() {
    return Instant.ofEpochMilli(nowMillis());
  }

  long nowMillis() {
    return base.millis() + offsetMillis.get();
  }

  /**
   * Moves the clock forward.
   *
   * @throws IllegalArgumentException if {@code by} is negative
   */
  void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("Invalid clock advance: " + by + " (the emulator clock only moves forward)");
    }
    offsetMillis.addAndGet(by.toMillis());
  }

  void reset() {
    offsetMillis.set(0);
  }
}
