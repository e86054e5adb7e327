package dev.leakproof.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RiskModelTest {

  /** y = 1 when x0 > 0.5 (x1 is noise), with 10% of labels flipped. */
  private static Object[] data(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] x = new double[n][2];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = rng.nextDouble();
      x[i][1] = rng.nextDouble();
      y[i] = (x[i][0] > 0.5) ^ (rng.nextDouble() < 0.1);
    }
    return new Object[] {x, y};
  }

  @Test
  void learnsTheSignalAndIsRepeatable() {
    Object[] train = data(2000, 1);
    Object[] test = data(1000, 2);
    List<String> names = List.of("signal", "noise");
    RiskModel a = RiskModel.train(names, (double[][]) train[0], (boolean[]) train[1], RiskModel.Settings.defaults(7));
    RiskModel b = RiskModel.train(names, (double[][]) train[0], (boolean[]) train[1], RiskModel.Settings.defaults(7));
    double[] p = a.predict((double[][]) test[0]);
    assertThat(p).containsExactly(b.predict((double[][]) test[0]));
    assertThat(a.booster()).isEqualTo(b.booster());
    assertThat(Metrics.rocAuc(p, (boolean[]) test[1])).isGreaterThan(0.85);
    for (double v : p) {
      assertThat(v).isBetween(0.0, 1.0);
    }
  }

  @Test
  void contributionsAddUpToTheLogOddsAndNameTheSignal() {
    Object[] train = data(2000, 3);
    RiskModel m = RiskModel.train(List.of("signal", "noise"), (double[][]) train[0], (boolean[]) train[1],
        RiskModel.Settings.defaults(1));
    double[][] rows = {{0.9, 0.3}, {0.1, 0.7}};
    double[] p = m.predict(rows);
    double[][] c = m.contributions(rows);
    for (int i = 0; i < rows.length; i++) {
      assertThat(c[i]).hasSize(3);
      double logit = c[i][0] + c[i][1] + c[i][2];
      assertThat(1 / (1 + Math.exp(-logit))).isCloseTo(p[i], org.assertj.core.data.Offset.offset(1e-4));
      assertThat(Math.abs(c[i][0])).isGreaterThan(Math.abs(c[i][1]));
    }
    assertThat(c[0][0]).isPositive();
    assertThat(c[1][0]).isNegative();
  }

  @Test
  void refusesOneClass() {
    assertThatThrownBy(() -> RiskModel.train(List.of("a"), new double[][] {{1}, {2}}, new boolean[] {true, true},
        RiskModel.Settings.defaults(1))).hasMessageContaining("both outcomes");
  }
}
