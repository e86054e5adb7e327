package dev.leakproof.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void rocAucCountsPairsAndHalfTies() {
    double[] s = {0.1, 0.4, 0.35, 0.8};
    boolean[] y = {false, false, true, true};
    // pairs (pos, neg): (0.35>0.1) (0.35<0.4) (0.8>0.1) (0.8>0.4) = 3 of 4
    assertThat(Metrics.rocAuc(s, y)).isEqualTo(0.75);
    assertThat(Metrics.rocAuc(new double[] {0.5, 0.5}, new boolean[] {true, false})).isEqualTo(0.5);
    assertThat(Metrics.rocAuc(s, new boolean[4])).isNaN();
  }

  @Test
  void averagePrecisionAsScikitLearnComputesIt() {
    // sklearn.metrics.average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.8333...
    assertThat(Metrics.averagePrecision(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}))
        .isCloseTo(0.8333333, offset(1e-6));
    // a tie between a positive and a negative at the top: one step of precision 1/2
    assertThat(Metrics.averagePrecision(new double[] {0.9, 0.9, 0.1}, new boolean[] {true, false, false}))
        .isEqualTo(0.5);
  }

  @Test
  void brierAndThreshold() {
    assertThat(Metrics.brier(new double[] {1, 0, 0.5}, new boolean[] {true, true, false}))
        .isCloseTo((0 + 1 + 0.25) / 3, offset(1e-12));
    Metrics.AtThreshold t = Metrics.atThreshold(new double[] {96, 97, 50, 99}, new boolean[] {true, false, true, true},
        95);
    assertThat(t.truePositives()).isEqualTo(2);
    assertThat(t.falsePositives()).isEqualTo(1);
    assertThat(t.precision()).isCloseTo(2 / 3.0, offset(1e-12));
    assertThat(t.recall()).isCloseTo(2 / 3.0, offset(1e-12));
  }
}
