package dev.leakproof.connectors.stripe.emulator;

/**
 * The three limits of {@link EmulatorConfig}: basic requests, meter event requests and stream events,
 * each a {@link TokenBucket} with one second of burst. In {@link MeterEventLimits#SHARED_WITH_BASIC}
 * mode meter event and stream requests take one basic token each instead.
 */
final class RateLimiter {

  /** Which limit an endpoint counts against. */
  enum Bucket {
    BASIC,
    METER_EVENTS,
    STREAM
  }

  private final MeterEventLimits mode;
  private final TokenBucket basic;
  private final TokenBucket meterEvents;
  private final TokenBucket streamEvents;

  RateLimiter(EmulatorConfig config) {
    this.mode = config.meterEventLimits();
    this.basic = new TokenBucket(config.basicPerSecond(), System::nanoTime);
    this.meterEvents = new TokenBucket(config.meterEventsPerSecond(), System::nanoTime);
    this.streamEvents = new TokenBucket(config.streamEventsPerSecond(), System::nanoTime);
  }

  /**
   * Admits a request costing {@code events} (1 except on the stream).
   *
   * @throws ApiError 429 {@code rate_limit} with the seconds to wait (at least 1) when over the limit
   */
  void admit(Bucket bucket, int events) {
    TokenBucket target;
    int cost = 1;
    if (bucket == Bucket.BASIC || mode == MeterEventLimits.SHARED_WITH_BASIC) {
      target = basic;
    } else if (bucket == Bucket.METER_EVENTS) {
      target = meterEvents;
    } else {
      target = streamEvents;
      cost = events;
    }
    long waitNanos = target.tryTake(cost);
    if (waitNanos > 0) {
      throw ApiError.rateLimited((int) Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
    }
  }

  void reset() {
    basic.refill();
    meterEvents.refill();
    streamEvents.refill();
  }
}
