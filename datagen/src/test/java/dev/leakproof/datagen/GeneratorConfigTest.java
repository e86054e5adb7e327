package dev.leakproof.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class GeneratorConfigTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 6, 15);

  @Test
  void defaultsUseNaturalDensityAndOnePercentNoise() {
    GeneratorConfig c = GeneratorConfig.defaults(10, 6, 42, AS_OF);
    assertThat(c).isEqualTo(new GeneratorConfig(10, 6, 42, AS_OF, 0, 0.01));
    assertThat(c.withUsageEvents(1_000_000).usageEvents()).isEqualTo(1_000_000);
    assertThat(c.withNoiseRate(0.2).noiseRate()).isEqualTo(0.2);
    assertThat(c.shapeRate()).isZero();
    assertThat(c.shapes()).isFalse();
    assertThat(c.withShapeRate(0.12)).isEqualTo(new GeneratorConfig(10, 6, 42, AS_OF, 0, 0.01, 0.12));
    assertThat(c.withShapeRate(0.12).withNoiseRate(0.05).shapeRate()).isEqualTo(0.12);
  }

  @Test
  void rejectsTooFewAccounts() {
    assertThatThrownBy(() -> new GeneratorConfig(0, 6, 1, AS_OF, 0, 0.01))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid accounts: 0 (must be at least 1)");
  }

  @Test
  void rejectsUsageMonthsOutOfRange() {
    assertThatThrownBy(() -> new GeneratorConfig(1, 0, 1, AS_OF, 0, 0.01))
        .hasMessage("Invalid usageMonths: 0 (must be between 1 and 60)");
    assertThatThrownBy(() -> new GeneratorConfig(1, 61, 1, AS_OF, 0, 0.01))
        .hasMessage("Invalid usageMonths: 61 (must be between 1 and 60)");
  }

  @Test
  void rejectsMissingAsOf() {
    assertThatThrownBy(() -> new GeneratorConfig(1, 1, 1, null, 0, 0.01))
        .hasMessage("Invalid asOf: null (must be a date)");
  }

  @Test
  void rejectsNegativeUsageEvents() {
    assertThatThrownBy(() -> new GeneratorConfig(1, 1, 1, AS_OF, -5, 0.01))
        .hasMessage("Invalid usageEvents: -5 (must be at least 0; 0 means natural density)");
  }

  @Test
  void rejectsNoiseRateOutOfRange() {
    assertThatThrownBy(() -> new GeneratorConfig(1, 1, 1, AS_OF, 0, 0.25))
        .hasMessage("Invalid noiseRate: 0.25 (must be between 0 and 0.2)");
    assertThatThrownBy(() -> new GeneratorConfig(1, 1, 1, AS_OF, 0, -0.01))
        .hasMessage("Invalid noiseRate: -0.01 (must be between 0 and 0.2)");
    assertThatThrownBy(() -> new GeneratorConfig(1, 1, 1, AS_OF, 0, Double.NaN))
        .hasMessage("Invalid noiseRate: NaN (must be between 0 and 0.2)");
  }

  @Test
  void rejectsShapeRateOutOfRange() {
    GeneratorConfig c = GeneratorConfig.defaults(1, 1, 1, AS_OF);
    assertThatThrownBy(() -> c.withShapeRate(0.6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid shapeRate: 0.6 (must be between 0 and 0.5)");
    assertThatThrownBy(() -> c.withShapeRate(-0.1))
        .hasMessage("Invalid shapeRate: -0.1 (must be between 0 and 0.5)");
    assertThatThrownBy(() -> c.withShapeRate(Double.NaN))
        .hasMessage("Invalid shapeRate: NaN (must be between 0 and 0.5)");
  }
}
