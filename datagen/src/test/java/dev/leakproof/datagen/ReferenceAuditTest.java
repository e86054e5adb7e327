package dev.leakproof.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reads generated datasets back through an independent implementation of the spec's hygiene and
 * rules ({@link ReferenceAudit}): its findings must be exactly injected_leaks.csv (types, months,
 * amounts), clean accounts must have none, and every kind of noise must land in its quarantine
 * reason. Leak shapes do not change that: whatever rule a shape trips is listed too.
 */
class ReferenceAuditTest {

  @TempDir
  Path dir;

  @Test
  void findingsAreExactlyTheInjectedLeaksAndNoiseIsQuarantinedByReason() throws IOException {
    GenerationSummary s = TestDatasets.generate(TestDatasets.config(60, 3, 21).withNoiseRate(0.05).withUsageEvents(25_000), dir);
    ReferenceAudit audit = ReferenceAudit.run(dir, TestDatasets.AS_OF);

    assertFindingsMatch(audit, s);
    Map<String, Long> noise = s.usageNoise();
    assertThat(audit.quarantined.get("usage")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "malformed_json", noise.get("malformed_json") + noise.get("not_an_object"),
        "missing_field", noise.get("missing_field"),
        "duplicate_conflict", noise.get("conflict"),
        "invalid_quantity", noise.get("invalid_quantity"),
        "invalid_timestamp", noise.get("invalid_timestamp"),
        "future_timestamp", noise.get("future_timestamp"),
        "unknown_workspace", noise.get("unknown_workspace"),
        "unknown_metric", noise.get("unknown_metric"),
        "orphan_correction", noise.get("orphan_correction"),
        "correction_mismatch", noise.get("correction_mismatch")));
    assertThat(audit.duplicates).containsEntry("usage", noise.get("duplicate"))
        .containsEntry("seats", s.seatNoise().get("duplicate"));
    assertThat(audit.accepted).containsEntry("usage",
        s.usageEvents() + noise.get("correction") + 2 * noise.get("double_correction"))
        .containsEntry("seats", s.seatEvents());
    assertThat(audit.quarantined.get("seats")).containsExactly(Map.entry("invalid_action", s.seatNoise().get("invalid_action")));
    assertThat(noise.values()).allSatisfy(n -> assertThat(n).isPositive());
  }

  @ParameterizedTest(name = "{0} accounts, {1} usage months, as of {2}, {3} events, noise {4}")
  @CsvSource({
      "30, 1, 2026-01-01, 0, 0.2",
      "35, 2, 2026-02-28, 20000, 0.05",
      "12, 1, 2025-12-31, 0, 0.01",
      "40, 2, 2026-05-20, 3000, 0.01",
      "2, 4, 2026-03-15, 0, 0"})
  void edgeConfigurationsStayExact(int accounts, int months, String asOf, long events, double noise)
      throws IOException {
    GeneratorConfig config = new GeneratorConfig(accounts, months, 99, LocalDate.parse(asOf), events, noise);
    GenerationSummary s = TestDatasets.generate(config, dir);
    assertFindingsMatch(ReferenceAudit.run(dir, config.asOf()), s);
    if (accounts >= 30) {
      assertThat(s.injectedLeaks().values()).allSatisfy(n -> assertThat(n).isPositive());
    }
  }

  @Test
  void findingsStayExactWithLeakShapes() throws IOException {
    GeneratorConfig config = TestDatasets.config(150, 12, 13).withNoiseRate(0.05).withUsageEvents(40_000)
        .withShapeRate(0.3);
    GenerationSummary s = new DatasetGenerator().generate(config, dir, dir.resolveSibling("labels"), ProgressListener.NONE);
    assertThat(s.shapes().values()).allSatisfy(n -> assertThat(n).isPositive());
    assertFindingsMatch(ReferenceAudit.run(dir, config.asOf()), s);
  }

  private void assertFindingsMatch(ReferenceAudit audit, GenerationSummary s) throws IOException {
    List<String> injected = Csv.read(TestDatasets.generator(dir, DatasetGenerator.INJECTED_LEAKS)).rows.stream()
        .map(r -> String.join("|", r.get("leak_type"), r.get("account_id"), Objects.toString(r.get("contract_id"), ""),
            Objects.toString(r.get("metric"), ""), r.get("first_month"), r.get("last_month"),
            new BigDecimal(r.get("amount")).toPlainString()))
        .sorted().toList();
    assertThat(audit.findings.stream().map(ReferenceAudit.Finding::key).sorted().toList())
        .containsExactlyElementsOf(injected);
    Set<String> flagged = audit.findings.stream().map(ReferenceAudit.Finding::account).collect(Collectors.toSet());
    assertThat(s.cleanAccounts()).doesNotContainAnyElementsOf(flagged);
  }
}
