package dev.leakproof.schemas.tables;

import dev.leakproof.core.Account;
import dev.leakproof.core.Contract;
import dev.leakproof.core.CrmHealth;
import dev.leakproof.core.Invoice;
import dev.leakproof.core.InvoiceLine;
import dev.leakproof.core.InvoiceStatus;
import dev.leakproof.core.LineType;
import dev.leakproof.core.PriceBookEntry;
import dev.leakproof.core.Segment;
import dev.leakproof.core.Workspace;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Converts validated source rows into core domain records. The records' constructors hold the
 * domain invariants (end after start, discount within 0-100), so a conversion that throws
 * {@link IllegalArgumentException} marks the row unusable.
 */
public final class DomainRows {

  private DomainRows() {}

  /** Builds the domain record for a row of any table, which validates it. */
  public static Object toRecord(SourceTable table, Row row) {
    return switch (table) {
      case ACCOUNTS -> account(row);
      case CONTRACTS -> contract(row);
      case PRICE_BOOK -> priceBookEntry(row);
      case WORKSPACES -> workspace(row);
      case INVOICES -> invoice(row);
      case INVOICE_LINES -> invoiceLine(row);
    };
  }

  public static Account account(Row r) {
    SourceTable t = SourceTable.ACCOUNTS;
    return new Account(text(t, r, "account_id"), text(t, r, "account_name"),
        Segment.fromCode(text(t, r, "segment")), text(t, r, "csm_email"),
        CrmHealth.fromCode(text(t, r, "crm_health")), date(t, r, "last_csm_contact_date"));
  }

  public static Contract contract(Row r) {
    SourceTable t = SourceTable.CONTRACTS;
    return new Contract(text(t, r, "contract_id"), text(t, r, "account_id"), text(t, r, "plan_id"),
        (Integer) value(t, r, "price_version"), date(t, r, "start_date"), date(t, r, "end_date"),
        (Integer) value(t, r, "seats_licensed"), decimal(t, r, "seat_unit_price"), text(t, r, "currency"),
        decimal(t, r, "annual_uplift_pct"), decimal(t, r, "discount_pct"), date(t, r, "discount_end_date"),
        (Boolean) value(t, r, "auto_bill_overages"), (Boolean) value(t, r, "auto_renew"),
        text(t, r, "champion_name"), text(t, r, "technical_scope"), text(t, r, "closed_rate_note"));
  }

  public static PriceBookEntry priceBookEntry(Row r) {
    SourceTable t = SourceTable.PRICE_BOOK;
    return new PriceBookEntry(text(t, r, "plan_id"), (Integer) value(t, r, "price_version"), text(t, r, "metric"),
        decimal(t, r, "included_units"), decimal(t, r, "overage_unit_price"), date(t, r, "effective_from"));
  }

  public static Workspace workspace(Row r) {
    SourceTable t = SourceTable.WORKSPACES;
    return new Workspace(text(t, r, "workspace_id"), text(t, r, "account_id"));
  }

  public static Invoice invoice(Row r) {
    SourceTable t = SourceTable.INVOICES;
    return new Invoice(text(t, r, "invoice_id"), text(t, r, "contract_id"), text(t, r, "account_id"),
        date(t, r, "period_start"), date(t, r, "period_end"), date(t, r, "issued_date"),
        InvoiceStatus.fromCode(text(t, r, "status")));
  }

  public static InvoiceLine invoiceLine(Row r) {
    SourceTable t = SourceTable.INVOICE_LINES;
    LineType type = LineType.fromCode(text(t, r, "line_type"));
    String metric = text(t, r, "metric");
    BigDecimal quantity = decimal(t, r, "quantity");
    if (type == LineType.OVERAGE && metric == null) {
      throw new IllegalArgumentException("metric is empty on an overage line");
    }
    if ((type == LineType.SEATS || type == LineType.TRUE_UP) && quantity == null) {
      throw new IllegalArgumentException("quantity is empty on a " + type.code() + " line");
    }
    if (type == LineType.SEATS && quantity.signum() < 0) {
      throw new IllegalArgumentException("quantity " + quantity.toPlainString() + " is negative on a seats line");
    }
    return new InvoiceLine(text(t, r, "invoice_id"), (Integer) value(t, r, "line_no"), type, metric, quantity,
        decimal(t, r, "unit_price"), decimal(t, r, "amount"));
  }

  private static Object value(SourceTable t, Row r, String column) {
    return r.get(t.columnIndex(column));
  }

  private static String text(SourceTable t, Row r, String column) {
    return (String) value(t, r, column);
  }

  private static BigDecimal decimal(SourceTable t, Row r, String column) {
    return (BigDecimal) value(t, r, column);
  }

  private static LocalDate date(SourceTable t, Row r, String column) {
    return (LocalDate) value(t, r, column);
  }
}
