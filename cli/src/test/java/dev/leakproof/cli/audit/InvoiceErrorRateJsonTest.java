package dev.leakproof.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** capture.json's invoice_error_rate from the mart's rows, and its absence for a warehouse without the mart. */
class InvoiceErrorRateJsonTest {

  @TempDir Path dir;

  DuckDbWarehouse warehouse() throws Exception {
    return DuckDbWarehouse.open(new DuckDbWarehouse.Settings(dir.resolve("w.duckdb"), "256MB", 1));
  }

  @Test
  void theOverallRateIsAllErrorsOverAllInvoicesExpectedNotAMeanOfTheMonths() throws Exception {
    ObjectNode root = new ObjectMapper().createObjectNode();
    try (DuckDbWarehouse w = warehouse()) {
      w.execute("CREATE TABLE main.invoice_error_rate AS SELECT * FROM (VALUES "
          + "(DATE '2026-01-01', '2026-01', 3, 0, 3, 2, 0.6667::DECIMAL(10,4), 0, 1, 0, 1, 0, 0, 0, 0), "
          + "(DATE '2026-02-01', '2026-02', 7, 1, 8, 1, 0.1250::DECIMAL(10,4), 0, 0, 0, 0, 0, 0, 0, 0)) AS t("
          + "month_start, month_label, invoices, missing_invoices, invoices_expected, invoices_with_errors, error_rate, "
          + "with_seat_count_mismatch, with_unbilled_overage, with_seat_true_up, with_rate_mismatch, "
          + "with_renewal_uplift_missed, with_expired_discount_applied, with_discount_overapplied, with_overbilled)");
      InvoiceErrorRateJson.put(w, root);
    }
    ObjectNode rate = (ObjectNode) root.get("invoice_error_rate");
    // 3 of 11, not (0.6667 + 0.1250) / 2
    assertThat(rate.get("invoices").asLong()).isEqualTo(10);
    assertThat(rate.get("missing_invoices").asLong()).isEqualTo(1);
    assertThat(rate.get("invoices_expected").asLong()).isEqualTo(11);
    assertThat(rate.get("invoices_with_errors").asLong()).isEqualTo(3);
    assertThat(rate.get("error_rate").decimalValue()).isEqualTo(new BigDecimal("0.2727"));
    assertThat(rate.get("by_month").get("2026-01").get("error_rate").decimalValue()).isEqualTo(new BigDecimal("0.6667"));
    assertThat(rate.get("by_month").get("2026-01").get("by_type").toString())
        .isEqualTo("{\"unbilled_overage\":1,\"rate_mismatch\":1}");
    assertThat(rate.get("by_month").get("2026-02").get("by_type").toString()).isEqualTo("{\"missing_invoice\":1}");
  }

  @Test
  void aWarehouseBuiltBeforeTheMartGetsNoKey() throws Exception {
    ObjectNode root = new ObjectMapper().createObjectNode();
    try (DuckDbWarehouse w = warehouse()) {
      InvoiceErrorRateJson.put(w, root);
    }
    assertThat(root.has("invoice_error_rate")).isFalse();
  }

  @Test
  void noInvoiceExpectedIsARateOfZero() {
    assertThat(InvoiceErrorRateJson.rate(0, 0)).isEqualTo(new BigDecimal("0.0000"));
    assertThat(InvoiceErrorRateJson.rate(1, 32)).isEqualTo(new BigDecimal("0.0313"));
  }
}
