package dev.leakproof.cli.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The invoice error rate as the report shows it, from the mart {@code invoice_error_rate}: per
 * closed billing month, and overall as all invoices with errors over all invoices expected (not a
 * mean of the months' rates). Null when the warehouse was built before the mart existed.
 */
final class InvoiceErrorQueries {

  static final String MART = "invoice_error_rate";

  private final ReportQueries q;

  InvoiceErrorQueries(ReportQueries q) {
    this.q = q;
  }

  ReportData.InvoiceErrors read() throws SQLException {
    if (!q.exists(MART)) {
      return null;
    }
    List<ReportData.MonthErrors> months = new ArrayList<>();
    long expected = 0;
    long missing = 0;
    long withErrors = 0;
    for (Object[] r : q.rows("select month_label, invoices, missing_invoices, invoices_with_errors, error_rate from "
        + q.t(MART) + " order by month_start")) {
      ReportData.MonthErrors m = new ReportData.MonthErrors(ReportQueries.str(r[0]), count(r[1]), count(r[2]),
          count(r[3]), ((BigDecimal) r[4]).movePointRight(2).setScale(2, RoundingMode.UNNECESSARY));
      months.add(m);
      expected += m.invoices() + m.missingInvoices();
      missing += m.missingInvoices();
      withErrors += m.invoicesWithErrors();
    }
    return new ReportData.InvoiceErrors(expected, missing, withErrors, pct(withErrors, expected), months);
  }

  /** part / whole in percent, rounded half up to 2 decimals as the mart's 4-decimal share; 0 when whole is 0. */
  static BigDecimal pct(long part, long whole) {
    return whole == 0 ? BigDecimal.ZERO.setScale(2)
        : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP).movePointRight(2);
  }

  private static long count(Object value) {
    return ((Number) value).longValue();
  }
}
