package dev.leakproof.cli.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakproof.sql.warehouse.Warehouse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * capture.json's {@code invoice_error_rate}, from the mart of that name: overall and per closed
 * billing month ({@code by_month}, keyed {@code YYYY-MM}), the non-void invoices, the missing ones,
 * the invoices expected (both), those with a billing error (a missing invoice is one) and the
 * error rate, an exact decimal rounded half up to 4 places. The overall rate is all errors over
 * all invoices expected, not a mean of the months' rates; it is 0 when no invoice was expected.
 * A warehouse built before the mart existed gets no key (capture.json's other keys are unchanged).
 */
final class InvoiceErrorRateJson {

  static final String KEY = "invoice_error_rate";
  static final String MART = "invoice_error_rate";
  /** The mart's per-type columns are {@code with_<type>}; by_type lists the types a month has. */
  static final List<String> TYPES = List.of("seat_count_mismatch", "unbilled_overage", "seat_true_up",
      "rate_mismatch", "renewal_uplift_missed", "expired_discount_applied", "discount_overapplied", "overbilled");

  private InvoiceErrorRateJson() {}

  static void put(Warehouse warehouse, ObjectNode root) throws SQLException {
    if (warehouse.columns(warehouse.defaultSchema(), MART).isEmpty()) {
      return;
    }
    List<Map<String, Object>> rows = warehouse.query("SELECT * FROM " + warehouse.defaultSchema() + "." + MART
        + " ORDER BY month_start");
    ObjectNode node = root.putObject(KEY);
    long invoices = 0;
    long missing = 0;
    long withErrors = 0;
    ObjectNode byMonth = node.objectNode();
    for (Map<String, Object> r : rows) {
      ObjectNode month = byMonth.putObject((String) r.get("month_label"));
      counts(month, count(r, "invoices"), count(r, "missing_invoices"), count(r, "invoices_with_errors"));
      month.put("error_rate", ((BigDecimal) r.get("error_rate")).setScale(4, RoundingMode.UNNECESSARY));
      ObjectNode byType = month.putObject("by_type");
      if (count(r, "missing_invoices") > 0) {
        byType.put("missing_invoice", count(r, "missing_invoices"));
      }
      for (String type : TYPES) {
        if (count(r, "with_" + type) > 0) {
          byType.put(type, count(r, "with_" + type));
        }
      }
      invoices += count(r, "invoices");
      missing += count(r, "missing_invoices");
      withErrors += count(r, "invoices_with_errors");
    }
    counts(node, invoices, missing, withErrors);
    node.put("error_rate", rate(withErrors, invoices + missing));
    node.set("by_month", byMonth);
  }

  /** part / whole rounded half up to 4 decimals, as the mart's share macro; 0 when whole is 0. */
  static BigDecimal rate(long part, long whole) {
    return whole == 0 ? BigDecimal.ZERO.setScale(4)
        : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
  }

  private static void counts(ObjectNode node, long invoices, long missing, long withErrors) {
    node.put("invoices", invoices);
    node.put("missing_invoices", missing);
    node.put("invoices_expected", invoices + missing);
    node.put("invoices_with_errors", withErrors);
  }

  private static long count(Map<String, Object> row, String column) {
    return ((Number) row.get(column)).longValue();
  }
}
