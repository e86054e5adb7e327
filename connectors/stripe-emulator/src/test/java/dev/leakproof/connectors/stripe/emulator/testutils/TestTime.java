package dev.leakproof.connectors.stripe.emulator.testutils;

import dev.leakproof.connectors.stripe.emulator.EmulatorConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** A fixed emulator clock, so day boundaries and the 35-day / 5-minute rules give exact expected values. */
public final class TestTime {

  /** Noon UTC: events an hour either side stay on the same day. */
  public static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
  /** Midnight UTC of {@link #NOW}'s day, in unix seconds. */
  public static final long DAY_START = Instant.parse("2025-03-10T00:00:00Z").getEpochSecond();
  public static final long DAY = 86_400;

  private TestTime() {
  }

  /** The default configuration with the clock fixed at {@link #NOW}. */
  public static EmulatorConfig config() {
    return EmulatorConfig.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC));
  }
}
