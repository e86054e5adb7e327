package dev.leakproof.sql.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.sql.testutils.AuditFixture;
import dev.leakproof.sql.testutils.AuditFixture.ContractSpec;
import dev.leakproof.sql.warehouse.MlTables;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the marts make of the learned models' tables: nothing before a model has scored (the
 * tables exist, empty), and once scored an anomaly finding flags its contract for review with
 * the months, score and drivers, and the leakage risk reaches the CRM fields and the renewal
 * pipeline, while leak_findings stays the rules' alone.
 */
class LearnedSignalsTest {

  static final LocalDate AS_OF = LocalDate.of(2026, 6, 15);
  static final String[] QUERIES = {
      "SELECT * FROM main.leak_findings",
      "SELECT status, status_reason, leak_types, period_start_label, period_end_label, anomaly_score, findings "
          + "FROM main.contract_status WHERE contract_id = 'CTR-1'",
      "SELECT leakage_risk, leakage_risk_drivers FROM main.crm_account_fields WHERE account_id = 'ACC-1'",
      "SELECT leakage_risk_pct, leakage_risk_band, at_risk FROM main.renewal_pipeline WHERE contract_id = 'CTR-1'",
      "SELECT count(*) AS n FROM " + MlTables.ANOMALY_SCORES};

  @TempDir Path dir;

  /** One account, its contract billed correctly and renewing on 2026-09-01: no rule finding. */
  AuditFixture clean() {
    return new AuditFixture(dir).account("ACC-1", "2026-06-01")
        .contract(ContractSpec.of("CTR-1", "ACC-1").term("2025-09-01", "2026-08-31"))
        .billCorrectly("CTR-1", "2025-09", "2026-05");
  }

  @Test
  void beforeAnyScoringTheTablesAreEmptyAndTheMartsSayNothing() throws Exception {
    List<List<Map<String, Object>>> out = clean().build(AS_OF, QUERIES);

    assertThat(out.get(0)).isEmpty();
    assertThat(out.get(1)).singleElement().satisfies(r -> {
      assertThat(r.get("status")).isEqualTo("clean");
      assertThat(r.get("status_reason")).isEqualTo("no findings");
      assertThat(r.get("period_start_label")).isNull();
      assertThat(r.get("anomaly_score")).isNull();
    });
    assertThat(out.get(2)).singleElement().satisfies(r -> {
      assertThat(r.get("leakage_risk")).isNull();
      assertThat(r.get("leakage_risk_drivers")).isNull();
    });
    assertThat(out.get(3)).singleElement().satisfies(r -> {
      assertThat(r.get("leakage_risk_pct")).isNull();
      assertThat(r.get("leakage_risk_band")).isNull();
    });
    assertThat(((Number) out.get(4).get(0).get("n")).longValue()).isZero();
  }

  @Test
  void anAnomalyFlagsItsContractAndTheRiskReachesTheCrmAndTheRenewal() throws Exception {
    String at = "TIMESTAMP '2026-06-15 07:00:00'";
    List<List<Map<String, Object>>> out = clean()
        .mlRows("INSERT INTO " + MlTables.ANOMALY_SCORES + " VALUES "
            + "('CTR-1', 'ACC-1', DATE '2026-02-01', 97.5, true, false, 'seats_over_licence 2 (typical 0)', 'a1', "
            + at + "), ('CTR-1', 'ACC-1', DATE '2026-03-01', 99.14, true, false, "
            + "'usage_growth_1m 1.4 (typical 1.01)', 'a1', " + at + "), "
            + "('CTR-1', 'ACC-1', DATE '2026-04-01', 12.0, false, false, '', 'a1', " + at + ")")
        .mlRows("INSERT INTO " + MlTables.ANOMALY_FINDINGS + " VALUES ('anomaly', 'anomaly', 'ACC-1', 'CTR-1', NULL, "
            + "'2026-02', '2026-03', 0.00, 'USD', 'Flagged 2026-02..2026-03', 'Review the invoices', 99.14, 'a1')")
        .mlRows("INSERT INTO " + MlTables.LEAKAGE_RISK + " VALUES ('ACC-1', 0.734, 'high', "
            + "'leak_months_last_quarter +1.21; discount_ends_next_quarter +0.40', 2, DATE '2026-06-15', 'r1', "
            + at + ")")
        .build(AS_OF, QUERIES);

    assertThat(out.get(0)).as("the rules' findings do not change").isEmpty();
    assertThat(out.get(1)).singleElement().satisfies(r -> {
      assertThat(r.get("status")).isEqualTo("flag");
      assertThat(r.get("status_reason"))
          .isEqualTo("findings: anomaly; anomaly in 2026-02..2026-03 (score 99.1): usage_growth_1m 1.4 (typical 1.01)");
      assertThat(r.get("leak_types")).isEqualTo("anomaly");
      assertThat(r.get("period_start_label")).isEqualTo("2026-02");
      assertThat(r.get("period_end_label")).isEqualTo("2026-03");
      assertThat((BigDecimal) r.get("anomaly_score")).isEqualByComparingTo("99.1");
      assertThat(((Number) r.get("findings")).longValue()).as("rule findings").isZero();
    });
    assertThat(out.get(2)).singleElement().satisfies(r -> {
      assertThat((BigDecimal) r.get("leakage_risk")).isEqualByComparingTo("73.4");
      assertThat(r.get("leakage_risk_drivers"))
          .isEqualTo("leak_months_last_quarter +1.21; discount_ends_next_quarter +0.40");
    });
    assertThat(out.get(3)).singleElement().satisfies(r -> {
      assertThat((BigDecimal) r.get("leakage_risk_pct")).isEqualByComparingTo("73.4");
      assertThat(r.get("leakage_risk_band")).isEqualTo("high");
      assertThat(r.get("at_risk")).as("the learned risk informs, it does not set at_risk").isEqualTo(false);
    });
  }
}
