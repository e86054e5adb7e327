package dev.leakproof.schemas.tables;

import static dev.leakproof.schemas.tables.Column.code;
import static dev.leakproof.schemas.tables.Column.nullable;
import static dev.leakproof.schemas.tables.Column.required;
import static dev.leakproof.schemas.tables.ColumnType.BOOLEAN;
import static dev.leakproof.schemas.tables.ColumnType.DATE;
import static dev.leakproof.schemas.tables.ColumnType.DECIMAL;
import static dev.leakproof.schemas.tables.ColumnType.INTEGER;
import static dev.leakproof.schemas.tables.ColumnType.TEXT;

import dev.leakproof.core.DatasetLayout;
import java.util.List;
import java.util.Optional;

/**
 * The six CSV source tables of spec section 1: file, key and columns. Columns may come in any
 * order in a file and extra columns are ignored; every column listed here must be present.
 */
public enum SourceTable {
  ACCOUNTS(DatasetLayout.ACCOUNTS, "accounts", List.of("account_id"), List.of(
      required("account_id", TEXT),
      nullable("account_name", TEXT),
      code("segment", "smb", "mid", "enterprise"),
      nullable("csm_email", TEXT),
      code("crm_health", "green", "yellow", "red"),
      nullable("last_csm_contact_date", DATE))),
  CONTRACTS(DatasetLayout.CONTRACTS, "contracts", List.of("contract_id"), List.of(
      required("contract_id", TEXT),
      required("account_id", TEXT),
      required("plan_id", TEXT),
      required("price_version", INTEGER),
      required("start_date", DATE),
      required("end_date", DATE),
      required("seats_licensed", INTEGER),
      required("seat_unit_price", DECIMAL),
      required("currency", TEXT),
      required("annual_uplift_pct", DECIMAL),
      required("discount_pct", DECIMAL),
      nullable("discount_end_date", DATE),
      required("auto_bill_overages", BOOLEAN),
      required("auto_renew", BOOLEAN),
      nullable("champion_name", TEXT),
      nullable("technical_scope", TEXT),
      nullable("closed_rate_note", TEXT))),
  PRICE_BOOK(DatasetLayout.PRICE_BOOK, "price_book", List.of("plan_id", "price_version", "metric"), List.of(
      required("plan_id", TEXT),
      required("price_version", INTEGER),
      required("metric", TEXT),
      required("included_units", DECIMAL),
      required("overage_unit_price", DECIMAL),
      required("effective_from", DATE))),
  WORKSPACES(DatasetLayout.WORKSPACES, "workspaces", List.of("workspace_id"), List.of(
      required("workspace_id", TEXT),
      required("account_id", TEXT))),
  INVOICES(DatasetLayout.INVOICES, "invoices", List.of("invoice_id"), List.of(
      required("invoice_id", TEXT),
      required("contract_id", TEXT),
      required("account_id", TEXT),
      required("period_start", DATE),
      required("period_end", DATE),
      nullable("issued_date", DATE),
      code("status", "paid", "open", "void"))),
  INVOICE_LINES(DatasetLayout.INVOICE_LINES, "invoice_lines", List.of("invoice_id", "line_no"), List.of(
      required("invoice_id", TEXT),
      required("line_no", INTEGER),
      code("line_type", "seats", "discount", "overage", "true_up", "credit"),
      nullable("metric", TEXT),
      nullable("quantity", DECIMAL),
      nullable("unit_price", DECIMAL),
      required("amount", DECIMAL)));

  private final String fileName;
  private final String tableName;
  private final List<String> key;
  private final List<Column> columns;

  SourceTable(String fileName, String tableName, List<String> key, List<Column> columns) {
    this.fileName = fileName;
    this.tableName = tableName;
    this.key = key;
    this.columns = columns;
  }

  public String fileName() {
    return fileName;
  }

  /** The table's name in the warehouse's raw schema. */
  public String tableName() {
    return tableName;
  }

  public List<String> key() {
    return key;
  }

  public List<Column> columns() {
    return columns;
  }

  public int columnIndex(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("Invalid column: " + name + " (table " + tableName + ")");
  }

  /** The table read from a file name, if it is one of the six. */
  public static Optional<SourceTable> forFile(String fileName) {
    for (SourceTable t : values()) {
      if (t.fileName.equals(fileName)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
