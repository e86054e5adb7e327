package dev.leakproof.core;

import java.util.List;

/**
 * File names of a Leakproof dataset folder (spec section 1): six CSV source tables and two kinds
 * of JSON-lines event files, each kind read in file-name order.
 */
public final class DatasetLayout {

  public static final String ACCOUNTS = "accounts.csv";
  public static final String CONTRACTS = "contracts.csv";
  public static final String PRICE_BOOK = "price_book.csv";
  public static final String WORKSPACES = "workspaces.csv";
  public static final String INVOICES = "invoices.csv";
  public static final String INVOICE_LINES = "invoice_lines.csv";

  /** The CSV source tables in load order: a table only refers to tables before it. */
  public static final List<String> SOURCE_TABLES =
      List.of(ACCOUNTS, CONTRACTS, PRICE_BOOK, WORKSPACES, INVOICES, INVOICE_LINES);

  private DatasetLayout() {}
}
