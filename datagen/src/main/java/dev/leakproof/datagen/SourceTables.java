package dev.leakproof.datagen;

import dev.leakproof.core.Contract;
import dev.leakproof.core.DatasetLayout;
import dev.leakproof.core.InvoiceLine;
import dev.leakproof.core.Money;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Writes the four reference tables of spec section 1 (accounts, contracts, price book, workspaces). */
final class SourceTables {

  static final String[] ACCOUNTS = {"account_id", "account_name", "segment", "csm_email", "crm_health",
      "last_csm_contact_date"};
  static final String[] CONTRACTS = {"contract_id", "account_id", "plan_id", "price_version", "start_date",
      "end_date", "seats_licensed", "seat_unit_price", "currency", "annual_uplift_pct", "discount_pct",
      "discount_end_date", "auto_bill_overages", "auto_renew", "champion_name", "technical_scope",
      "closed_rate_note"};
  static final String[] PRICE_BOOK = {"plan_id", "price_version", "metric", "included_units",
      "overage_unit_price", "effective_from"};
  static final String[] WORKSPACES = {"workspace_id", "account_id"};
  static final String[] INVOICES = {"invoice_id", "contract_id", "account_id", "period_start", "period_end",
      "issued_date", "status"};
  static final String[] INVOICE_LINES = {"invoice_id", "line_no", "line_type", "metric", "quantity",
      "unit_price", "amount"};

  private SourceTables() {}

  static void write(Path dir, List<AccountPlan> plans, LocalDate asOf, Map<String, Long> counts) throws IOException {
    try (CsvWriter csv = new CsvWriter(dir.resolve(DatasetLayout.ACCOUNTS), ACCOUNTS)) {
      for (AccountPlan a : plans) {
        csv.row(a.id, a.name, a.segment.code(), a.csmEmail, a.health.code(), a.lastContact);
      }
      counts.put(DatasetLayout.ACCOUNTS, csv.rows());
    }
    try (CsvWriter csv = new CsvWriter(dir.resolve(DatasetLayout.CONTRACTS), CONTRACTS)) {
      for (AccountPlan a : plans) {
        for (Contract c : a.contracts) {
          csv.row(c.contractId(), c.accountId(), c.planId(), c.priceVersion(), c.startDate(), c.endDate(),
              c.seatsLicensed(), c.seatUnitPrice().toPlainString(), c.currency(),
              c.annualUpliftPct().toPlainString(), c.discountPct().toPlainString(), c.discountEndDate(),
              c.autoBillOverages(), c.autoRenew(), c.championName(), c.technicalScope(), c.closedRateNote());
        }
      }
      counts.put(DatasetLayout.CONTRACTS, csv.rows());
    }
    try (CsvWriter csv = new CsvWriter(dir.resolve(DatasetLayout.PRICE_BOOK), PRICE_BOOK)) {
      for (Catalog.Row r : Catalog.ROWS) {
        LocalDate from = r.version() == 1 ? Catalog.v1Effective(asOf) : Catalog.v2Effective(asOf);
        csv.row(r.plan(), r.version(), Catalog.METRICS[r.metric()], r.included(), r.overagePrice().toPlainString(), from);
      }
      counts.put(DatasetLayout.PRICE_BOOK, csv.rows());
    }
    try (CsvWriter csv = new CsvWriter(dir.resolve(DatasetLayout.WORKSPACES), WORKSPACES)) {
      for (AccountPlan a : plans) {
        for (int w = 0; w < a.wsCount; w++) {
          csv.row(workspaceId(a, w), a.id);
        }
      }
      counts.put(DatasetLayout.WORKSPACES, csv.rows());
    }
  }

  static String workspaceId(AccountPlan a, int local) {
    return Mix.padded("ws-", a.index + 1, 5) + "-" + local;
  }

  static void invoice(CsvWriter invoices, CsvWriter lines, InvoiceBuilder.Bill bill) throws IOException {
    var i = bill.invoice();
    invoices.row(i.invoiceId(), i.contractId(), i.accountId(), i.periodStart(), i.periodEnd(), i.issuedDate(),
        i.status().code());
    for (InvoiceLine l : bill.lines()) {
      lines.row(l.invoiceId(), l.lineNo(), l.lineType().code(), l.metric(), l.quantity().toPlainString(),
          price(l.unitPrice()), Money.plain(l.amount()));
    }
  }

  /** Seat and discount prices in cents; overage unit prices keep their 4 to 6 decimals. */
  private static String price(BigDecimal p) {
    return p.scale() <= 2 ? Money.plain(p) : p.toPlainString();
  }
}
