package dev.leakproof.sql.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.sql.testutils.AuditFixture;
import dev.leakproof.sql.testutils.AuditFixture.ContractSpec;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage received after its month closed (2026-05 closes 2026-06-04 00:00 UTC with the default
 * billing_close_days of 3) becomes correction records billed apart, as of 2026-06-15 on plan
 * growth v1 (api_calls: 1,000 included, 0.0100 an overage unit). Findings still count every event
 * in its month. Quantities worked out by hand in the comments.
 */
class LateUsageCorrectionsTest {

  static final LocalDate AS_OF = LocalDate.of(2026, 6, 15);
  static final String WS = "ws-ACC-1";

  @TempDir Path dir;

  AuditFixture may() {
    return new AuditFixture(dir).account("ACC-1", "2026-06-01")
        .contract(ContractSpec.of("CTR-1", "ACC-1")).billCorrectly("CTR-1", "2025-01", "2026-05")
        // on time: 600 + 300, corrected to 250 before the close, + 50.5 one second before it = 900.5
        .usageReceived("e1", WS, "api_calls", "600", "2026-05-10T09:00:00Z", "2026-05-10T10:00:00Z", null)
        .usageReceived("e2", WS, "api_calls", "300", "2026-05-20T09:00:00Z", "2026-05-20T09:00:05Z", null)
        .usageReceived("c2", WS, "api_calls", "250", "2026-05-20T09:00:00Z", "2026-06-03T12:00:00Z", "e2")
        .usageReceived("e3", WS, "api_calls", "50.5", "2026-05-31T23:00:00Z", "2026-06-03T23:59:59Z", null)
        // late, received 2026-06-04: +30, 900.5 -> 930.5, still below 1,000: 0 units
        .usageReceived("e4", WS, "api_calls", "30", "2026-05-28T12:00:00Z", "2026-06-04T00:00:01Z", null)
        // late, received 2026-06-09: a late event +120 and a late correction of e1 600 -> 700 (+100):
        // 930.5 -> 1150.5 crosses 1,000: floor(150.5) - 0 = 150 units, 1.50
        .usageReceived("e5", WS, "api_calls", "120", "2026-05-15T08:00:00Z", "2026-06-09T08:00:00Z", null)
        .usageReceived("c1", WS, "api_calls", "700", "2026-05-10T09:00:00Z", "2026-06-09T09:00:00Z", "e1")
        // late, received 2026-06-11: e5 corrected 120 -> 100 (-20): 1150.5 -> 1130.5: 130 - 150 = -20 units, -0.20
        .usageReceived("c3", WS, "api_calls", "100", "2026-05-15T08:00:00Z", "2026-06-11T00:00:00Z", "e5")
        // June is open: on time
        .usageReceived("e6", WS, "api_calls", "10", "2026-06-02T10:00:00Z", "2026-06-02T10:00:00Z", null);
  }

  static String record(Map<String, Object> r) {
    return r.get("correction_key") + " lines=" + r.get("late_line_count") + " delta="
        + ((BigDecimal) r.get("delta_quantity")).stripTrailingZeros().toPlainString() + " events=" + r.get("event_ids")
        + " usage=" + plain(r.get("usage_before")) + "->" + plain(r.get("usage_after")) + " units="
        + r.get("billable_units") + " amount=" + ((BigDecimal) r.get("late_amount")).toPlainString() + " "
        + r.get("currency");
  }

  static String plain(Object decimal) {
    return ((BigDecimal) decimal).stripTrailingZeros().toPlainString();
  }

  @Test
  void lateEventsAndALateCorrectionBillExactlyTheOverageTheyAdd() throws Exception {
    List<List<Map<String, Object>>> out = may().build(AS_OF, Map.of("stripe_usage_start", "2026-05-01"),
        "SELECT * FROM main.late_usage_corrections ORDER BY correction_key",
        "SELECT line_event_id, event_id, delta FROM main.int_usage_late_lines ORDER BY arrival_seq",
        "SELECT usage_key, quantity, bill_as, unit_amount, description FROM main.billing_usage ORDER BY usage_key",
        "SELECT usage_quantity, expected_overage_amount FROM main.usage_vs_plan WHERE month_start = DATE '2026-05-01' "
            + "AND metric = 'api_calls'",
        "SELECT usage_date, quantity FROM main.daily_usage WHERE metric = 'api_calls' ORDER BY usage_date");

    assertThat(out.get(0)).extracting(LateUsageCorrectionsTest::record).containsExactly(
        "ACC-1|api_calls|late:2026-05|2026-06-04 lines=1 delta=30 events=e4 usage=900.5->930.5 units=0 amount=0.00 USD",
        "ACC-1|api_calls|late:2026-05|2026-06-09 lines=2 delta=220 events=e5, c1 usage=930.5->1150.5 units=150 "
            + "amount=1.50 USD",
        "ACC-1|api_calls|late:2026-05|2026-06-11 lines=1 delta=-20 events=c3 usage=1150.5->1130.5 units=-20 "
            + "amount=-0.20 USD");
    assertThat(out.get(0).get(1)).containsEntry("contract_id", "CTR-1");
    assertThat(out.get(0).get(1).get("closes_at").toString()).startsWith("2026-06-04");
    // e3, one second before the close, and the on-time correction c2 are not late
    assertThat(out.get(1)).extracting(r -> r.get("line_event_id") + "/" + r.get("event_id") + " " + plain(r.get("delta")))
        .containsExactly("e4/e4 30", "e5/e5 120", "c1/e1 100", "c3/e5 -20");

    Map<String, String> billing = out.get(2).stream().collect(Collectors.toMap(r -> (String) r.get("usage_key"),
        r -> r.get("quantity") + " " + r.get("bill_as"), (a, b) -> a, java.util.TreeMap::new));
    // the day rows carry on-time usage only (900.5 in May: 900 whole units), June's on-time day is unaffected
    assertThat(billing).containsExactly(
        Map.entry("ACC-1|api_calls|2026-05-10", "600 meter"),
        Map.entry("ACC-1|api_calls|2026-05-15", "0 meter"),
        Map.entry("ACC-1|api_calls|2026-05-20", "250 meter"),
        Map.entry("ACC-1|api_calls|2026-05-28", "0 meter"),
        Map.entry("ACC-1|api_calls|2026-05-31", "50 meter"),
        Map.entry("ACC-1|api_calls|2026-06-02", "10 meter"),
        Map.entry("ACC-1|api_calls|late:2026-05|2026-06-04", "0 invoice_item"),
        Map.entry("ACC-1|api_calls|late:2026-05|2026-06-09", "150 invoice_item"),
        Map.entry("ACC-1|api_calls|late:2026-05|2026-06-11", "-20 invoice_item"));
    Map<String, Object> crossing = out.get(2).stream()
        .filter(r -> r.get("usage_key").equals("ACC-1|api_calls|late:2026-05|2026-06-09")).findFirst().orElseThrow();
    assertThat((BigDecimal) crossing.get("unit_amount")).isEqualByComparingTo("0.0100");
    assertThat(crossing.get("description")).isEqualTo("Late usage of api_calls for 2026-05, received 2026-06-09 "
        + "after the month closed on 2026-06-04: +220 units in 2 events (e5, c1); month usage 930.5 -> 1150.5 of "
        + "1000 included");

    // findings still assign every event to its month: 1130.5 used, 130.5 over, 1.31 expected
    assertThat(out.get(3)).singleElement().satisfies(r -> {
      assertThat((BigDecimal) r.get("usage_quantity")).isEqualByComparingTo("1130.5");
      assertThat((BigDecimal) r.get("expected_overage_amount")).isEqualByComparingTo("1.31");
    });
    assertThat(out.get(4)).extracting(r -> r.get("usage_date") + " " + plain(r.get("quantity"))).containsExactly(
        "2026-05-10 700", "2026-05-15 100", "2026-05-20 250", "2026-05-28 30", "2026-05-31 50.5", "2026-06-02 10");
  }

  @Test
  void aLongerCloseWindowKeepsTheLinesOnTime() throws Exception {
    // 2026-05 closes 2026-06-11 00:00: c3, received at that instant, is not late; nothing is
    List<List<Map<String, Object>>> out = may().build(AS_OF, Map.of("billing_close_days", 10,
        "stripe_usage_start", "2026-05-01"),
        "SELECT count(*) AS n FROM main.late_usage_corrections",
        "SELECT sum(quantity) AS units FROM main.billing_usage WHERE usage_date < DATE '2026-06-01'");
    assertThat(out.get(0).get(0).get("n")).isEqualTo(0L);
    // every May event on the meter: floor(1130.5)
    assertThat(((Number) out.get(1).get(0).get("units")).longValue()).isEqualTo(1130L);
  }
}
