package dev.leakproof.cli.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.ml.AnomalyModel;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MlPiecesTest {

  @Test
  void seedRangesAndLists() {
    assertThat(GeneratedHistory.seeds("1..4", "--seeds")).containsExactly(1L, 2L, 3L, 4L);
    assertThat(GeneratedHistory.seeds("7, 9", "--seeds")).containsExactly(7L, 9L);
    assertThatThrownBy(() -> GeneratedHistory.seeds("4..1", "--train-seeds")).hasMessageContaining("--train-seeds: 4..1");
    assertThatThrownBy(() -> GeneratedHistory.seeds("a..b", "--seeds")).hasMessageContaining("expected A..B");
  }

  @Test
  void oneAnomalyFindingPerContractWithItsMonthsAndDrivers() {
    var drivers = List.of(new AnomalyModel.Driver("overage_price_vs_list", 0.061234, 0, 0.2),
        new AnomalyModel.Driver("overage_price_vs_last_month", 0.02, 0, 0.1));
    List<AnomalyFindings.Flagged> flagged = new java.util.ArrayList<>(List.of(
        new AnomalyFindings.Flagged("ACC-2", "CTR-2", YearMonth.of(2026, 4), 99.1, drivers),
        new AnomalyFindings.Flagged("ACC-1", "CTR-1", YearMonth.of(2026, 3), 96.0, List.of()),
        new AnomalyFindings.Flagged("ACC-2", "CTR-2", YearMonth.of(2026, 2), 97.5, drivers)));
    List<AnomalyFindings.Finding> out = AnomalyFindings.of(flagged, Map.of("CTR-2", "EUR"), 95);
    assertThat(out).extracting(AnomalyFindings.Finding::contractId).containsExactly("CTR-1", "CTR-2");
    AnomalyFindings.Finding f = out.get(1);
    assertThat(f.from()).isEqualTo(YearMonth.of(2026, 2));
    assertThat(f.to()).isEqualTo(YearMonth.of(2026, 4));
    assertThat(f.currency()).isEqualTo("EUR");
    assertThat(f.amount()).isEqualByComparingTo("0.00");
    assertThat(f.maxScore()).isEqualTo(99.1);
    assertThat(f.evidence()).startsWith("Anomaly score 99.1 of 100 in 2026-04 (threshold 95.0); 2 months above it: "
        + "2026-02 (97.5), 2026-04 (99.1). No rule covers these months. Driven by: overage_price_vs_list 0.06123 "
        + "(typical 0); overage_price_vs_last_month 0.02 (typical 0).");
    assertThat(f.action()).contains("CTR-2", "2026-02..2026-04", "review.csv");
    assertThat(out.get(0).evidence()).contains("no single feature").contains("in 2026-03");
    assertThat(out.get(0).currency()).isEqualTo("USD");
  }

  @Test
  void riskBandsAndDrivers() {
    assertThat(Scorer.band(0.5)).isEqualTo("high");
    assertThat(Scorer.band(0.2)).isEqualTo("medium");
    assertThat(Scorer.band(0.19)).isEqualTo("low");
    assertThat(Scorer.riskDrivers(List.of("a", "b", "c", "d"), new double[] {0.1, -1.5, 0.001, 0.7, -2.0}))
        .isEqualTo("b -1.50; d +0.70; a +0.10");
  }
}
