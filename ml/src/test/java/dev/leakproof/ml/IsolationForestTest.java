package dev.leakproof.ml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsolationForestTest {

  @Test
  void averagePathIsThePapersHarmonicFormula() {
    assertThat(IsolationForest.averagePath(1)).isZero();
    assertThat(IsolationForest.averagePath(2)).isEqualTo(1.0);
    // c(256) = 2 H(255) - 2 * 255 / 256 with H(i) ~ ln(i) + Euler's constant
    assertThat(IsolationForest.averagePath(256)).isCloseTo(10.2448, org.assertj.core.data.Offset.offset(1e-3));
  }

  @Test
  void anOutlierIsIsolatedFasterThanTheBulk() {
    SplittableRandom rng = new SplittableRandom(5);
    double[][] rows = new double[1000][3];
    for (double[] r : rows) {
      for (int f = 0; f < 3; f++) {
        r[f] = rng.nextGaussian();
      }
    }
    IsolationForest forest = IsolationForest.fit(rows, 100, 256, 11);
    double inlier = forest.score(new double[] {0, 0, 0});
    double outlier = forest.score(new double[] {0, 6, 0});
    assertThat(outlier).isGreaterThan(0.55);
    assertThat(inlier).isLessThan(0.5);
    assertThat(forest.meanPathLength(new double[] {0, 6, 0})).isLessThan(forest.meanPathLength(new double[] {0, 0, 0}));
  }

  @Test
  void sameSeedSameForest() {
    double[][] rows = new double[300][2];
    SplittableRandom rng = new SplittableRandom(1);
    for (double[] r : rows) {
      r[0] = rng.nextDouble();
      r[1] = rng.nextDouble();
    }
    IsolationForest a = IsolationForest.fit(rows, 20, 64, 3);
    IsolationForest b = IsolationForest.fit(rows, 20, 64, 3);
    for (int t = 0; t < 20; t++) {
      assertThat(a.trees()[t].split()).containsExactly(b.trees()[t].split());
      assertThat(a.trees()[t].feature()).containsExactly(b.trees()[t].feature());
    }
    assertThat(a.trees()[0].size()[0]).isEqualTo(64);
  }

  @Test
  void theAnomalyModelScoresPercentilesAndNamesTheDrivingFeature() {
    SplittableRandom rng = new SplittableRandom(9);
    double[][] rows = new double[2000][3];
    for (int i = 0; i < rows.length; i++) {
      double[] r = rows[i];
      // a price ratio exactly at list for almost every month; 1% of them off list (a forest only
      // learns from variation it saw: a feature constant in training carries no signal)
      r[0] = i % 100 == 0 ? 0.05 + 0.1 * rng.nextDouble() : 0;
      r[1] = 1 + 0.05 * rng.nextGaussian();
      r[2] = rng.nextInt(5);
    }
    AnomalyModel model = AnomalyModel.train(List.of("price_vs_list", "growth", "events"), rows,
        AnomalyModel.Settings.defaults(4));
    double typical = model.score(new double[] {0, 1, 2});
    double drifted = model.score(new double[] {0.08, 1, 2});
    double slightly = model.score(new double[] {0.02, 1, 2});
    assertThat(typical).isLessThan(60);
    assertThat(drifted).isGreaterThan(98);
    assertThat(slightly).isGreaterThan(90).isLessThan(drifted);
    assertThat(model.anomalous(drifted)).isTrue();
    List<AnomalyModel.Driver> drivers = model.drivers(new double[] {0.08, 1, 2}, 2);
    assertThat(drivers).isNotEmpty();
    assertThat(drivers.get(0).feature()).isEqualTo("price_vs_list");
    assertThat(drivers.get(0).typical()).isZero();
  }

  @Test
  void aDeviationTheTrainingNeverShowedStillShortensThePath() {
    SplittableRandom rng = new SplittableRandom(2);
    double[][] rows = new double[1000][3];
    for (double[] r : rows) {
      r[0] = 0; // constant in every sample: no tree ever splits on it
      r[1] = rng.nextGaussian();
      r[2] = rng.nextGaussian();
    }
    IsolationForest forest = IsolationForest.fit(rows, 100, 256, 1);
    double typical = forest.meanPathLength(new double[] {0, 0, 0});
    // outside the sample on 1 of 3 eligible features: cut off after 3 levels at most
    assertThat(forest.meanPathLength(new double[] {0.5, 0, 0})).isLessThanOrEqualTo(3.0).isLessThan(typical);
    // outside on 2 of 3: 1.5 levels
    assertThat(forest.meanPathLength(new double[] {0.5, 9, 0})).isLessThanOrEqualTo(1.5);
    assertThat(forest.score(new double[] {0.5, 0, 0})).isGreaterThan(forest.score(new double[] {0, 2, 0}));
  }
}
