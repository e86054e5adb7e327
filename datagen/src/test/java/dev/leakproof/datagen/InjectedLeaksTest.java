package dev.leakproof.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.core.LeakType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InjectedLeaksTest {

  @TempDir
  static Path dir;

  static GenerationSummary summary;
  static List<Map<String, String>> leaks;

  @BeforeAll
  static void generate() throws IOException {
    summary = TestDatasets.generate(TestDatasets.config(60, 3, 11), dir);
    leaks = Csv.read(TestDatasets.generator(dir, DatasetGenerator.INJECTED_LEAKS)).rows;
  }

  @Test
  void everyLeakTypeIsInjected() {
    Set<String> types = leaks.stream().map(l -> l.get("leak_type")).collect(Collectors.toSet());
    assertThat(types).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(LeakType.values()).map(LeakType::code).toList());
    assertThat(summary.injectedLeaks().values()).allSatisfy(n -> assertThat(n).isPositive());
  }

  @Test
  void aThirdOfAccountsLeakAndTheRestAreClean() {
    Set<String> leaky = leaks.stream().map(l -> l.get("account_id")).collect(Collectors.toSet());
    assertThat(leaky.size()).isBetween(12, 24);
    assertThat(summary.cleanAccounts()).doesNotContainAnyElementsOf(leaky).hasSize(60 - leaky.size());
  }

  @Test
  void noPlannedCleanAccountWasDemoted() throws IOException {
    String json = java.nio.file.Files.readString(TestDatasets.generator(dir, DatasetGenerator.SUMMARY));
    assertThat(json).contains("\"demoted_clean_accounts\": []");
    assertThat(json).contains("\"clean_accounts\": [\"" + summary.cleanAccounts().get(0) + "\"");
  }

  @Test
  void contractLevelLeaksNameTheirContractAndLeakAmountsArePositive() {
    for (Map<String, String> l : leaks) {
      LeakType type = LeakType.fromCode(l.get("leak_type"));
      assertThat(l.get("contract_id") != null).as(l.toString()).isEqualTo(type.level() == LeakType.Level.CONTRACT);
      assertThat(l.get("metric") != null).as(l.toString()).isEqualTo(type == LeakType.UNBILLED_OVERAGE);
      assertThat(l.get("first_month").compareTo(l.get("last_month"))).isLessThanOrEqualTo(0);
      if (type != LeakType.HANDOFF_INCOMPLETE) {
        assertThat(new java.math.BigDecimal(l.get("amount"))).as(l.toString()).isPositive();
      }
    }
  }
}
