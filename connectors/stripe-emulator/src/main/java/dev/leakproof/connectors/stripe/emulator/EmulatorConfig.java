package dev.leakproof.connectors.stripe.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a {@link StripeEmulator} behaves: where it listens, the secret key it accepts, its clock, how
 * late usage shows in event summaries, and its rate limits. Start from {@link #defaults()} and change
 * keys with the {@code with...} methods; every instance is validated here, so a bad value fails before
 * a port is bound.
 *
 * @param port loopback port, 0 for any free port
 * @param secretKey the only accepted secret key ({@code sk_test_...} or {@code sk_live_...}; live keys
 *     make every object {@code livemode: true}); never printed
 * @param clock the source of "now" for every time rule, moved forward by {@link StripeEmulator#advanceClock}
 * @param summaryDelay how long (real time) after receipt an event or a cancellation shows in event summaries
 * @param basicPerSecond requests per second for every endpoint but meter events (Stripe: 100 live, 25 test)
 * @param meterEventsPerSecond v1 and v2 single meter event requests per second (Stripe live: 1,000)
 * @param streamEventsPerSecond events (not requests) per second on the v2 stream (Stripe live: 10,000)
 * @param meterEventLimits whether meter event requests have their own buckets or count as basic requests
 */
public record EmulatorConfig(
    int port,
    String secretKey,
    Clock clock,
    Duration summaryDelay,
    int basicPerSecond,
    int meterEventsPerSecond,
    int streamEventsPerSecond,
    MeterEventLimits meterEventLimits) {

  /** The default secret key: a test-mode key, so objects have {@code livemode: false}. */
  public static final String DEFAULT_SECRET_KEY = "sk_test_leakproof_emulator";

  private static final Pattern KEY = Pattern.compile("(sk|rk)_(test|live)_\\S+");

  public EmulatorConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("Invalid stripe.emulator.port: " + port + " (0-65535)");
    }
    if (secretKey == null || !KEY.matcher(secretKey).matches()) {
      throw new IllegalArgumentException("Invalid stripe.emulator.secret-key: " + Authenticator.mask(secretKey)
          + " (must look like sk_test_... or sk_live_...)");
    }
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(summaryDelay, "summaryDelay");
    if (summaryDelay.isNegative()) {
      throw new IllegalArgumentException("Invalid stripe.emulator.summary-delay: " + summaryDelay + " (must not be negative)");
    }
    positive("stripe.emulator.rate-limit.basic-per-second", basicPerSecond);
    positive("stripe.emulator.rate-limit.meter-events-per-second", meterEventsPerSecond);
    positive("stripe.emulator.rate-limit.stream-events-per-second", streamEventsPerSecond);
    Objects.requireNonNull(meterEventLimits, "meterEventLimits");
  }

  /**
   * Any free port, {@value #DEFAULT_SECRET_KEY}, the system UTC clock, no summary delay, and Stripe's
   * live-mode limits (100 requests/s, 1,000 meter events/s, 10,000 stream events/s, separate buckets).
   */
  public static EmulatorConfig defaults() {
    return new EmulatorConfig(0, DEFAULT_SECRET_KEY, Clock.systemUTC(), Duration.ZERO, 100, 1_000, 10_000, MeterEventLimits.OWN_BUCKETS);
  }

  /** True when the secret key is a live-mode key. */
  public boolean livemode() {
    return secretKey.contains("_live_");
  }

  public EmulatorConfig withPort(int newPort) {
    return new EmulatorConfig(newPort, secretKey, clock, summaryDelay, basicPerSecond, meterEventsPerSecond, streamEventsPerSecond, meterEventLimits);
  }

  public EmulatorConfig withSecretKey(String key) {
    return new EmulatorConfig(port, key, clock, summaryDelay, basicPerSecond, meterEventsPerSecond, streamEventsPerSecond, meterEventLimits);
  }

  public EmulatorConfig withClock(Clock newClock) {
    return new EmulatorConfig(port, secretKey, newClock, summaryDelay, basicPerSecond, meterEventsPerSecond, streamEventsPerSecond, meterEventLimits);
  }

  public EmulatorConfig withSummaryDelay(Duration delay) {
    return new EmulatorConfig(port, secretKey, clock, delay, basicPerSecond, meterEventsPerSecond, streamEventsPerSecond, meterEventLimits);
  }

  /** Sets the three rates; each bucket holds one second's worth (its burst). */
  public EmulatorConfig withRateLimits(int basic, int meterEvents, int streamEvents) {
    return new EmulatorConfig(port, secretKey, clock, summaryDelay, basic, meterEvents, streamEvents, meterEventLimits);
  }

  public EmulatorConfig withMeterEventLimits(MeterEventLimits limits) {
    return new EmulatorConfig(port, secretKey, clock, summaryDelay, basicPerSecond, meterEventsPerSecond, streamEventsPerSecond, limits);
  }

  /** Stripe's test-mode limits: 25 requests/s, with meter event and stream requests counted in that budget. */
  public EmulatorConfig withTestModeLimits() {
    return withRateLimits(25, meterEventsPerSecond, streamEventsPerSecond).withMeterEventLimits(MeterEventLimits.SHARED_WITH_BASIC);
  }

  @Override
  public String toString() {
    return "EmulatorConfig[port=" + port + ", secretKey=" + Authenticator.mask(secretKey) + ", clock=" + clock
        + ", summaryDelay=" + summaryDelay + ", basicPerSecond=" + basicPerSecond + ", meterEventsPerSecond=" + meterEventsPerSecond
        + ", streamEventsPerSecond=" + streamEventsPerSecond + ", meterEventLimits=" + meterEventLimits + "]";
  }

  private static void positive(String key, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException("Invalid " + key + ": " + value + " (must be positive)");
    }
  }
}
