package dev.leakproof.pipelines.thresholds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdPolicyTest {

  private final ThresholdPolicy policy = ThresholdPolicy.defaults();
  private final BigDecimal limit = new BigDecimal("10000");

  private List<Integer> crossed(int highest, String usage) {
    return policy.crossed("starter", highest, new BigDecimal(usage), limit);
  }

  @Test
  void levelsAreReachedExactlyAtTheirShareOfTheLimit() {
    assertThat(crossed(0, "4999.999")).isEmpty();
    assertThat(crossed(0, "5000")).containsExactly(50);
    assertThat(crossed(50, "8999.99")).isEmpty();
    assertThat(crossed(50, "9000")).containsExactly(90);
    assertThat(crossed(90, "10000")).containsExactly(100);
    assertThat(crossed(0, "10000")).containsExactly(50, 90, 100);
  }

  @Test
  void pastTheTopEveryFurtherHundredPercentOnce() {
    assertThat(crossed(100, "19999")).isEmpty();
    assertThat(crossed(100, "20000")).containsExactly(200);
    assertThat(crossed(200, "29999")).isEmpty();
    assertThat(crossed(200, "45000")).containsExactly(300, 400);
    assertThat(crossed(0, "30000")).containsExactly(50, 90, 100, 200, 300);
    // a jump past more than ten repeat levels raises the highest only
    assertThat(crossed(100, "1000000")).containsExactly(10000);
    assertThat(new ThresholdPolicy(List.of(50, 100), 0, Map.of()).crossed("p", 100, new BigDecimal("99999"), limit))
        .isEmpty();
  }

  @Test
  void plansHaveLevelsOfTheirOwnAndNoLimitRaisesNothing() {
    ThresholdPolicy p = new ThresholdPolicy(List.of(50, 90, 100), 100, Map.of("enterprise", List.of(75, 120)));
    assertThat(p.crossed("enterprise", 0, new BigDecimal("12000"), limit)).containsExactly(75, 120);
    assertThat(p.crossed("enterprise", 120, new BigDecimal("22000"), limit)).containsExactly(220);
    assertThat(p.crossed("starter", 0, new BigDecimal("12000"), BigDecimal.ZERO)).isEmpty();
  }

  @Test
  void invalidLevelsAreRefusedWithTheKeyAndValue() {
    assertThatThrownBy(() -> new ThresholdPolicy(List.of(90, 50), 100, Map.of()))
        .hasMessage("Invalid thresholds.levels: [90, 50] (ascending, each once)");
    assertThatThrownBy(() -> new ThresholdPolicy(List.of(50), -1, Map.of()))
        .hasMessage("Invalid thresholds.repeat-every: -1 (0..10000, 0 for none)");
    assertThatThrownBy(() -> new ThresholdPolicy(List.of(50), 100, Map.of("x", List.of(0))))
        .hasMessage("Invalid thresholds.plans.x: 0 (percent, 1..10000)");
  }
}
