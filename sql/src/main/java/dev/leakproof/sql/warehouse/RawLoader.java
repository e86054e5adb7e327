package dev.leakproof.sql.warehouse;

import dev.leakproof.schemas.tables.Column;
import dev.leakproof.schemas.tables.ColumnSpec;
import dev.leakproof.schemas.tables.Row;
import dev.leakproof.schemas.tables.RowRejection;
import dev.leakproof.schemas.tables.SourceData;
import dev.leakproof.schemas.tables.SourceTable;
import dev.leakproof.schemas.tables.TableData;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.StringJoiner;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Loads the raw layer of the embedded warehouse: the validated CSV source tables and the rows
 * they rejected (through DuckDB's appender), and the lake's event tables (the Parquet files that
 * Iceberg's scan planning lists for their current snapshot).
 */
public final class RawLoader {

  /** The schema raw tables are loaded into; models read them through {@code source()}. */
  public static final String RAW = "raw";
  /** The table of CSV rows that could not be used. */
  public static final String SOURCE_REJECTIONS = "source_rejections";

  private final DuckDbWarehouse warehouse;

  public RawLoader(DuckDbWarehouse warehouse) {
    this.warehouse = warehouse;
  }

  /**
   * Replaces the six source tables and the rejections table with the dataset's, and creates an
   * empty {@code stripe.customers} map when there is none, so the billing models always build,
   * and the learned models' tables ({@link MlTables}) when they do not exist yet (their rows kept).
   */
  public void loadSources(SourceData data) throws SQLException {
    ensureStripeCustomers();
    MlTables.ensure(warehouse);
    warehouse.execute("CREATE SCHEMA IF NOT EXISTS " + RAW);
    for (SourceTable table : SourceTable.values()) {
      loadTable(data.table(table));
    }
    warehouse.execute("CREATE OR REPLACE TABLE " + RAW + "." + SOURCE_REJECTIONS
        + " (source_file VARCHAR, line_no BIGINT, code VARCHAR, reason VARCHAR, raw VARCHAR)");
    try (DuckDBAppender appender = appender(SOURCE_REJECTIONS)) {
      for (RowRejection r : data.rejections()) {
        appender.beginRow().append(r.sourceFile()).append(r.lineNo()).append(r.code()).append(r.reason())
            .append(r.raw()).endRow();
      }
    }
  }

  /** The schema and table of the account-to-Stripe-customer map (dbt source {@code stripe.customers}). */
  public static final String STRIPE_CUSTOMERS = "stripe.customers";

  /**
   * Creates {@code stripe.customers} from the dataset's optional {@code stripe_customers.csv}
   * (header {@code account_id,stripe_customer_id}), or empty when the file is absent, keeping a
   * map already there (written by {@code leakproof stripe map}) when there is no file.
   *
   * @throws IllegalArgumentException naming the file, line and value of a malformed row
   */
  public void loadStripeCustomers(java.nio.file.Path file) throws SQLException, java.io.IOException {
    ensureStripeCustomers();
    if (!java.nio.file.Files.isRegularFile(file)) {
      return;
    }
    List<String> lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
    String name = file.getFileName().toString();
    if (lines.isEmpty() || !lines.get(0).strip().replace("\uFEFF", "").equals("account_id,stripe_customer_id")) {
      throw new IllegalArgumentException("Invalid " + name + " header: expected account_id,stripe_customer_id");
    }
    warehouse.execute("DELETE FROM " + STRIPE_CUSTOMERS);
    java.util.Set<String> seen = new java.util.HashSet<>();
    try (DuckDBAppender appender = warehouse.connection().unwrap(DuckDBConnection.class).createAppender("stripe",
        "customers")) {
      for (int i = 1; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (cells.length != 2 || cells[0].isBlank() || !cells[1].startsWith("cus_")) {
          throw new IllegalArgumentException("Invalid " + name + " line " + (i + 1) + ": '" + line
              + "' (account_id,cus_...)");
        }
        if (!seen.add(cells[0])) {
          throw new IllegalArgumentException("Invalid " + name + " line " + (i + 1) + ": account " + cells[0]
              + " mapped twice");
        }
        appender.beginRow().append(cells[0]).append(cells[1]).endRow();
      }
    }
  }

  private void ensureStripeCustomers() throws SQLException {
    warehouse.execute("CREATE SCHEMA IF NOT EXISTS stripe");
    warehouse.execute("CREATE TABLE IF NOT EXISTS " + STRIPE_CUSTOMERS
        + " (account_id VARCHAR, stripe_customer_id VARCHAR)");
  }

  private void loadTable(TableData data) throws SQLException {
    SourceTable table = data.table();
    StringJoiner columns = new StringJoiner(", ");
    for (Column c : table.columns()) {
      columns.add(c.name() + " " + c.type().warehouseType());
    }
    columns.add("_line_no BIGINT");
    warehouse.execute("CREATE OR REPLACE TABLE " + RAW + "." + table.tableName() + " (" + columns + ")");
    try (DuckDBAppender appender = appender(table.tableName())) {
      for (Row row : data.rows()) {
        appender.beginRow();
        for (int i = 0; i < table.columns().size(); i++) {
          append(appender, row.get(i));
        }
        appender.append(row.lineNo());
        appender.endRow();
      }
    }
  }

  private DuckDBAppender appender(String table) throws SQLException {
    return warehouse.connection().unwrap(DuckDBConnection.class).createAppender(RAW, table);
  }

  private static void append(DuckDBAppender appender, Object value) throws SQLException {
    if (value == null) {
      appender.appendNull();
    } else if (value instanceof String s) {
      appender.append(s);
    } else if (value instanceof Integer i) {
      appender.append(i.intValue());
    } else if (value instanceof BigDecimal d) {
      appender.append(d.setScale(10));
    } else if (value instanceof LocalDate d) {
      appender.append(d);
    } else if (value instanceof Boolean b) {
      appender.append(b.booleanValue());
    } else {
      throw new IllegalArgumentException("Cannot load value of type " + value.getClass().getSimpleName());
    }
  }

  /**
   * Replaces a raw table with the rows of the given Parquet files, cast to the declared columns
   * (timestamps with a zone become UTC timestamps); an empty file list makes an empty table.
   */
  public void loadParquet(String table, List<ColumnSpec> columns, List<String> files) throws SQLException {
    warehouse.execute("CREATE SCHEMA IF NOT EXISTS " + RAW);
    StringJoiner ddl = new StringJoiner(", ");
    StringJoiner select = new StringJoiner(", ");
    for (ColumnSpec c : columns) {
      ddl.add(c.name() + " " + c.sqlType());
      select.add("CAST(" + c.name() + " AS " + c.sqlType() + ") AS " + c.name());
    }
    if (files.isEmpty()) {
      warehouse.execute("CREATE OR REPLACE TABLE " + RAW + "." + table + " (" + ddl + ")");
      return;
    }
    StringJoiner list = new StringJoiner(", ", "[", "]");
    for (String f : files) {
      list.add("'" + f.replace("'", "''") + "'");
    }
    warehouse.execute("CREATE OR REPLACE TABLE " + RAW + "." + table + " AS SELECT " + select
        + " FROM read_parquet(" + list + ")");
  }
}
