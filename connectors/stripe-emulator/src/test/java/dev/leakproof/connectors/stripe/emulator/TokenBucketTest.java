package dev.leakproof.connectors.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The stream limit's accuracy on a simulated clock: 95% of the rate never waits, 110% soon does. */
class TokenBucketTest {

  private long now;

  private int refusals(TokenBucket bucket, double rateShare, int perSecond, int cost, int seconds) {
    long interval = Math.round(cost / (rateShare * perSecond) * 1e9);
    int refused = 0;
    long end = now + seconds * 1_000_000_000L;
    while (now < end) {
      now += interval;
      if (bucket.tryTake(cost) > 0) {
        refused++;
      }
    }
    return refused;
  }

  private void drain(TokenBucket bucket, int cost) {
    while (bucket.tryTake(cost) == 0) {
      now += 1;
    }
  }

  @Test
  void pacingAt95PercentFromAnEmptyBucketIsNeverRefused() {
    TokenBucket bucket = new TokenBucket(10_000, () -> now);
    drain(bucket, 100);
    assertThat(refusals(bucket, 0.95, 10_000, 100, 120)).isZero();
  }

  @Test
  void pacingAt110PercentIsRefusedOnceTheBurstIsSpent() {
    TokenBucket bucket = new TokenBucket(10_000, () -> now);
    assertThat(refusals(bucket, 1.10, 10_000, 100, 9)).isZero();
    assertThat(refusals(bucket, 1.10, 10_000, 100, 10)).isGreaterThan(50);
  }

  @Test
  void aBurstOfOneSecondsWorthPassesThenTheWaitIsReported() {
    TokenBucket bucket = new TokenBucket(10_000, () -> now);
    for (int i = 0; i < 100; i++) {
      assertThat(bucket.tryTake(100)).isZero();
    }
    assertThat(bucket.tryTake(100)).isEqualTo(10_000_000L);
    now += 10_000_000L;
    assertThat(bucket.tryTake(100)).isZero();
  }

  @Test
  void aCostAboveTheBurstPassesFromAFullBucketAndKeepsTheLongRunRate() {
    TokenBucket bucket = new TokenBucket(50, () -> now);
    assertThat(bucket.tryTake(100)).isZero();
    assertThat(bucket.tryTake(100)).isEqualTo(2_000_000_000L);
    now += 2_000_000_000L;
    assertThat(bucket.tryTake(100)).isZero();
  }
}
