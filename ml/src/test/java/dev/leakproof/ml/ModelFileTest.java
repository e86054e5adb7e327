package dev.leakproof.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

  private static ModelFile train(long seed) {
    SplittableRandom rng = new SplittableRandom(3);
    double[][] x = new double[500][2];
    boolean[] y = new boolean[500];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = rng.nextDouble();
      x[i][1] = rng.nextGaussian();
      y[i] = x[i][0] + 0.2 * rng.nextGaussian() > 0.5;
    }
    AnomalyModel a = AnomalyModel.train(List.of("f0", "f1"), x, new AnomalyModel.Settings(50, 64, seed, 95));
    RiskModel r = RiskModel.train(List.of("f0", "f1"), x, y, new RiskModel.Settings(30, 3, 0.1, 0.8, 1, seed));
    var training = ModelFile.object();
    training.put("seconds", Math.random());
    return ModelFile.of(Instant.parse("2026-12-07T00:00:00Z"), seed, a, r, training, ModelFile.object());
  }

  @Test
  void roundTripsAndScoresTheSame(@TempDir Path dir) throws Exception {
    ModelFile m = train(5);
    Path file = dir.resolve("model.json");
    m.write(file);
    ModelFile back = ModelFile.read(file);
    assertThat(back.id()).isEqualTo(m.id());
    double[][] rows = {{0.1, 0.2}, {0.9, -3}, {0.5, 8}};
    for (double[] row : rows) {
      assertThat(back.anomaly().score(row)).isEqualTo(m.anomaly().score(row));
    }
    assertThat(back.risk().predict(rows)).containsExactly(m.risk().predict(rows));
    assertThat(back.anomaly().threshold()).isEqualTo(95);
  }

  @Test
  void theSameSeedGivesTheSameModelIdAndAnotherSeedAnother() {
    assertThat(train(5).id()).isEqualTo(train(5).id());
    assertThat(train(6).id()).isNotEqualTo(train(5).id());
  }

  @Test
  void refusesWhatIsNotAModelFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("x.json");
    Files.writeString(file, "{\"format\": \"other\"}");
    assertThatThrownBy(() -> ModelFile.read(file)).hasMessageContaining("not a Leakproof model file");
    Files.writeString(file, "not json");
    assertThatThrownBy(() -> ModelFile.read(file)).hasMessageContaining("not a JSON model file");
    assertThatThrownBy(() -> ModelFile.read(dir.resolve("missing.json"))).hasMessageContaining("No model file");
  }
}
