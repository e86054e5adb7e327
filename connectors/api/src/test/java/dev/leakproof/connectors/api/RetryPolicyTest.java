package dev.leakproof.connectors.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1_000));

  @Test
  void waitsGrowExponentiallyWithinTheirCapAndJitter() {
    SplittableRandom random = new SplittableRandom(7);
    long[] caps = {100, 200, 400, 800, 1_000, 1_000};
    for (int attempt = 1; attempt <= caps.length; attempt++) {
      long max = 0;
      long min = Long.MAX_VALUE;
      for (int i = 0; i < 2_000; i++) {
        long wait = policy.delay(attempt, Optional.empty(), random).toMillis();
        max = Math.max(max, wait);
        min = Math.min(min, wait);
      }
      assertThat(max).as("attempt %d", attempt).isLessThanOrEqualTo(caps[attempt - 1])
          .isGreaterThan(caps[attempt - 1] * 9 / 10);
      assertThat(min).isLessThan(caps[attempt - 1] / 10 + 1);
    }
  }

  @Test
  void aRetryAfterLongerThanTheBackoffIsHonoured() {
    SplittableRandom random = new SplittableRandom(1);
    assertThat(policy.delay(1, Optional.of(Duration.ofSeconds(7)), random)).isEqualTo(Duration.ofSeconds(7));
    assertThat(policy.delay(4, Optional.of(Duration.ZERO), random)).isLessThanOrEqualTo(Duration.ofMillis(800));
  }

  @Test
  void attemptsAreCountedFromTheFirst() {
    assertThat(policy.retryAfterAttempt(4)).isTrue();
    assertThat(policy.retryAfterAttempt(5)).isFalse();
    assertThat(new RetryPolicy(1, Duration.ZERO, Duration.ZERO).retryAfterAttempt(1)).isFalse();
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
        .hasMessage("Invalid retry max-attempts: 0 (1..100)");
  }

  @Test
  void deletesNeedTheDestinationId() {
    assertThatThrownBy(() -> new SyncRecord("ACC-1", SyncRecord.Operation.DELETE, java.util.Map.of()))
        .hasMessage("Cannot delete ACC-1: destination id missing");
    assertThat(new SyncRecord("ACC-1", SyncRecord.Operation.DELETE, "001A", java.util.Map.of()).destinationId())
        .isEqualTo("001A");
  }
}
