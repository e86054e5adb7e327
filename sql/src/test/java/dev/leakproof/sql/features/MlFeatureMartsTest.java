package dev.leakproof.sql.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.leakproof.sql.testutils.AuditFixture;
import dev.leakproof.sql.testutils.AuditFixture.ContractSpec;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ML feature marts (ml_contract_month_features, ml_account_features) on three hand-made
 * contracts as of 2026-06-15 (closed months up to 2026-05), and as of 2026-04-15.
 */
class MlFeatureMartsTest {

  static final LocalDate AS_OF = LocalDate.of(2026, 6, 15);
  static final String MONTHS = "SELECT * FROM main.ml_contract_month_features ORDER BY contract_id, month_start";
  static final String ACCOUNTS = "SELECT * FROM main.ml_account_features ORDER BY account_id";

  @TempDir java.nio.file.Path dir;

  /**
   * <pre>
   * CTR-1 (ACC-1): 2026-03 1,500 api_calls, its overage line at 1.05x list (0.0105 x 500 = 5.25);
   *                2026-04 1,800 api_calls, billed last month's 500 units at list (5.00 of 8.00)
   * CTR-2 (ACC-2): two workspaces of 400 api_calls each in 2026-01..03; in 04 and 05 the first
   *                uses 200; 5 users added in 2026-01, one in 2026-02, no seat event since
   * CTR-3 (ACC-3): ended 2026-02-28
   * </pre>
   */
  AuditFixture fixture() {
    AuditFixture f = new AuditFixture(dir).account("ACC-1", "2026-06-01").account("ACC-2", "2026-07-01")
        .account("ACC-3", "2026-01-01").workspace("ws-ACC-2b", "ACC-2")
        .contract(ContractSpec.of("CTR-1", "ACC-1").term("2026-01-01", "2026-12-31"))
        .contract(ContractSpec.of("CTR-2", "ACC-2").term("2026-01-01", "2026-12-31"))
        .contract(ContractSpec.of("CTR-3", "ACC-3").term("2025-03-01", "2026-02-28"))
        .billCorrectly("CTR-1", "2026-01", "2026-05")
        .billCorrectly("CTR-2", "2026-01", "2026-05")
        .billCorrectly("CTR-3", "2025-03", "2026-02");
    f.usage("u-1", "ws-ACC-1", "api_calls", "1500", "2026-03-10T12:00:00Z");
    f.line(f.invoice("CTR-1", "2026-03", "paid"), "overage", "api_calls", "500", "0.0105", "5.25");
    f.usage("u-2", "ws-ACC-1", "api_calls", "1800", "2026-04-10T12:00:00Z");
    f.line(f.invoice("CTR-1", "2026-04", "paid"), "overage", "api_calls", "500", "0.0100", "5.00");
    for (int m = 1; m <= 5; m++) {
      String day = "2026-0" + m + "-12T08:00:00Z";
      f.usage("a-" + m, "ws-ACC-2", "api_calls", m <= 3 ? "400" : "200", day);
      f.usage("b-" + m, "ws-ACC-2b", "api_calls", "400", day);
    }
    f.usersAdded("ws-ACC-2", "u", 5, "2026-01-10T09:00:00Z").seat("se-6", "ws-ACC-2b", "v1", "added",
        "2026-02-05T09:00:00Z");
    return f;
  }

  static Map<String, Map<String, Object>> byKey(List<Map<String, Object>> rows, String key) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    rows.forEach(r -> out.put(String.valueOf(r.get(key)), r));
    return out;
  }

  static double d(Map<String, Object> row, String column) {
    assertThat(row.get(column)).as(column).isInstanceOf(Double.class);
    return (Double) row.get(column);
  }

  @Test
  void contractMonthFeaturesComeFromTheMonthsBillingUsageAndSeats() throws Exception {
    List<List<Map<String, Object>>> results = fixture().build(AS_OF, MONTHS);
    Map<String, Map<String, Object>> rows = byKey(results.get(0), "contract_month_key");
    assertThat(rows).hasSize(5 + 5 + 12);
    assertThat(rows.keySet()).filteredOn(k -> k.startsWith("CTR-1"))
        .containsExactly("CTR-1|2026-01", "CTR-1|2026-02", "CTR-1|2026-03", "CTR-1|2026-04", "CTR-1|2026-05");

    Map<String, Object> march = rows.get("CTR-1|2026-03");
    assertThat(d(march, "has_invoice")).isEqualTo(1.0);
    assertThat(d(march, "seats_billed_vs_licensed")).isEqualTo(1.0);
    assertThat(d(march, "seat_price_vs_contract")).isCloseTo(0.0, within(1e-9));
    assertThat(d(march, "overage_price_vs_list")).isCloseTo(0.05, within(1e-9));
    assertThat(d(march, "overage_qty_vs_metered")).isCloseTo(0.0, within(1e-9));
    assertThat(d(march, "overage_billed_vs_expected")).isCloseTo(0.05, within(1e-9));
    assertThat(d(march, "usage_vs_included")).isCloseTo(1.5, within(1e-9));
    assertThat(d(march, "usage_growth_1m")).isEqualTo(1.0);

    // last month's 500 units billed for an excess of 800, at list again
    Map<String, Object> april = rows.get("CTR-1|2026-04");
    assertThat(d(april, "overage_qty_vs_metered")).isCloseTo(300.0 / 800, within(1e-9));
    assertThat(d(april, "overage_price_vs_list")).isCloseTo(0.0, within(1e-9));
    assertThat(d(april, "overage_price_vs_last_month")).isCloseTo(1 - 0.01 / 0.0105, within(1e-9));
    assertThat(d(march, "overage_price_vs_last_month")).isEqualTo(0.0);
    assertThat(d(april, "overage_billed_vs_expected")).isCloseTo((5.0 - 8.0) / 8.0, within(1e-9));
    assertThat(d(april, "usage_growth_1m")).isCloseTo(1.8 / 1.5, within(1e-9));
    assertThat(d(rows.get("CTR-1|2026-05"), "months_without_seat_events")).isEqualTo(5.0);
    assertThat(d(rows.get("CTR-1|2026-05"), "months_to_term_end")).isEqualTo(7.0);

    // the first workspace's share falls from 1/2 to 1/3 of the account's usage
    Map<String, Object> ctr2April = rows.get("CTR-2|2026-04");
    assertThat(d(rows.get("CTR-2|2026-03"), "workspace_share_shift")).isCloseTo(1.0, within(1e-9));
    assertThat(d(ctr2April, "workspace_share_shift")).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(d(ctr2April, "usage_growth_3m")).isCloseTo(0.75, within(1e-9));
    assertThat(d(ctr2April, "seats_used")).isEqualTo(6.0);
    assertThat(d(ctr2April, "seats_growth_3m")).isCloseTo(1.2, within(1e-9));
    assertThat(d(ctr2April, "usage_per_seat_growth_3m")).isCloseTo(0.75 / 1.2, within(1e-9));
    assertThat(results.get(0)).filteredOn(r -> "CTR-2".equals(r.get("contract_id")))
        .extracting(r -> d(r, "seat_events") + "/" + d(r, "months_without_seat_events"))
        .containsExactly("5.0/0.0", "1.0/0.0", "0.0/1.0", "0.0/2.0", "0.0/3.0");
    // every feature of every row is a number
    for (Map<String, Object> r : results.get(0)) {
      r.forEach((column, value) -> assertThat(value).as(column).isNotNull());
    }
  }

  @Test
  void accountFeaturesSumTheLastQuarter() throws Exception {
    Map<String, Map<String, Object>> rows = byKey(fixture().build(AS_OF, ACCOUNTS).get(0), "account_id");
    // CTR-3 ended before the last quarter (2026-03..05)
    assertThat(rows.keySet()).containsExactly("ACC-1", "ACC-2");
    Map<String, Object> acc1 = rows.get("ACC-1");
    assertThat(d(acc1, "leak_months_last_quarter")).isEqualTo(1.0);
    assertThat(d(acc1, "leak_amount_last_quarter")).isCloseTo(3.0, within(1e-9));
    assertThat(d(acc1, "leak_types_last_quarter")).isEqualTo(1.0);
    assertThat(d(acc1, "leak_months_before")).isEqualTo(0.0);
    assertThat(d(acc1, "days_since_csm_contact")).isEqualTo(14.0);
    assertThat(d(acc1, "months_to_renewal")).isEqualTo(6.0);
    assertThat(d(acc1, "months_to_anniversary")).isEqualTo(7.0);
    assertThat(d(acc1, "contract_age_months")).isEqualTo(5.0);
    assertThat(d(acc1, "overage_months_last_quarter")).isEqualTo(2.0);
    assertThat(d(acc1, "max_overage_price_vs_list")).isCloseTo(0.05, within(1e-9));
    assertThat(d(acc1, "max_overage_qty_vs_metered")).isCloseTo(0.375, within(1e-9));
    assertThat(d(acc1, "max_months_without_seat_events")).isEqualTo(5.0);
    Map<String, Object> acc2 = rows.get("ACC-2");
    assertThat(d(acc2, "days_since_csm_contact")).isEqualTo(999.0);
    assertThat(d(acc2, "min_workspace_share_shift")).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(d(acc2, "max_months_without_seat_events")).isEqualTo(3.0);
    assertThat(d(acc2, "seats_used_vs_licensed")).isCloseTo(0.6, within(1e-9));
    assertThat(d(acc2, "usage_vs_included")).isCloseTo(0.6, within(1e-9));
  }

  @Test
  void anEarlierAsOfLeavesOutTheLaterMonths() throws Exception {
    List<List<Map<String, Object>>> results = fixture().build(LocalDate.of(2026, 4, 15), MONTHS, ACCOUNTS);
    assertThat(results.get(0)).hasSize(3 + 3 + 12)
        .allSatisfy(r -> assertThat((LocalDate) r.get("month_start")).isBefore(LocalDate.of(2026, 4, 1)));
    Map<String, Map<String, Object>> accounts = byKey(results.get(1), "account_id");
    // CTR-3's last months (2026-01, 02) are in the quarter before 2026-04
    assertThat(accounts.keySet()).containsExactly("ACC-1", "ACC-2", "ACC-3");
    assertThat(d(accounts.get("ACC-1"), "max_overage_price_vs_list")).isCloseTo(0.05, within(1e-9));
    assertThat(d(accounts.get("ACC-1"), "max_overage_qty_vs_metered")).isEqualTo(0.0);
    assertThat(d(accounts.get("ACC-1"), "leak_months_last_quarter")).isEqualTo(0.0);
    assertThat(d(accounts.get("ACC-2"), "min_workspace_share_shift")).isEqualTo(1.0);
    assertThat(d(accounts.get("ACC-3"), "months_to_renewal")).isEqualTo(99.0);
  }
}
