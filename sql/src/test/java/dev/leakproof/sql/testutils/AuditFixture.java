package dev.leakproof.sql.testutils;

import dev.leakproof.core.Contract;
import dev.leakproof.core.Money;
import dev.leakproof.schemas.csv.CsvWriter;
import dev.leakproof.schemas.tables.DatasetReader;
import dev.leakproof.schemas.tables.DomainRows;
import dev.leakproof.schemas.tables.SourceData;
import dev.leakproof.schemas.tables.SourceTable;
import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.project.BundledProject;
import dev.leakproof.sql.project.ProjectLoader;
import dev.leakproof.sql.run.DbtEngine;
import dev.leakproof.sql.run.NodeResult;
import dev.leakproof.sql.run.ProjectCompiler;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import dev.leakproof.sql.warehouse.RawLoader;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small hand-made dataset for testing the SQL leak rules: source rows are written as CSV in the
 * spec's layout and read back through the real loader; events are inserted as the ingestion job
 * would have accepted them (their hygiene has its own tests). {@link #audit} builds Leakproof's
 * SQL project on DuckDB and returns the leak_findings rows.
 */
public final class AuditFixture {

  private static final Map<SourceTable, String> HEADERS = Map.of(
      SourceTable.ACCOUNTS, "account_id,account_name,segment,csm_email,crm_health,last_csm_contact_date",
      SourceTable.CONTRACTS, "contract_id,account_id,plan_id,price_version,start_date,end_date,seats_licensed,"
          + "seat_unit_price,currency,annual_uplift_pct,discount_pct,discount_end_date,auto_bill_overages,auto_renew,"
          + "champion_name,technical_scope,closed_rate_note",
      SourceTable.PRICE_BOOK, "plan_id,price_version,metric,included_units,overage_unit_price,effective_from",
      SourceTable.WORKSPACES, "workspace_id,account_id",
      SourceTable.INVOICES, "invoice_id,contract_id,account_id,period_start,period_end,issued_date,status",
      SourceTable.INVOICE_LINES, "invoice_id,line_no,line_type,metric,quantity,unit_price,amount");

  private final Path dir;
  private final Map<SourceTable, List<List<String>>> rows = new LinkedHashMap<>();
  private final Map<String, Contract> contracts = new LinkedHashMap<>();
  private final List<Object[]> usage = new ArrayList<>();
  private final List<Object[]> seats = new ArrayList<>();
  private final List<String> mlRows = new ArrayList<>();
  private int invoiceSeq;
  private long arrival;

  public AuditFixture(Path dir) {
    this.dir = dir;
    for (SourceTable t : SourceTable.values()) {
      rows.put(t, new ArrayList<>());
    }
    priceBook("growth", 1, "api_calls", "1000", "0.0100");
    priceBook("growth", 1, "emails_sent", "500", "0.0200");
  }

  public AuditFixture account(String accountId, String lastCsmContactDate) {
    rows.get(SourceTable.ACCOUNTS).add(Arrays.asList(accountId, "Customer " + accountId, "mid",
        "csm@example.com", "green", lastCsmContactDate));
    workspace("ws-" + accountId, accountId);
    return this;
  }

  public AuditFixture workspace(String workspaceId, String accountId) {
    rows.get(SourceTable.WORKSPACES).add(Arrays.asList(workspaceId, accountId));
    return this;
  }

  public AuditFixture priceBook(String plan, int version, String metric, String included, String overagePrice) {
    rows.get(SourceTable.PRICE_BOOK).add(Arrays.asList(plan, String.valueOf(version), metric, included, overagePrice,
        "2024-01-01"));
    return this;
  }

  /** A contract on plan growth v1, USD, with complete handoff fields unless {@link ContractSpec} says otherwise. */
  public AuditFixture contract(ContractSpec spec) {
    List<String> row = Arrays.asList(spec.contractId, spec.accountId, "growth", "1", spec.start, spec.end,
        String.valueOf(spec.seats), spec.price, "USD", spec.uplift, spec.discount, spec.discountEnd,
        String.valueOf(spec.autoBill), String.valueOf(spec.autoRenew), spec.champion, spec.scope, spec.rateNote);
    rows.get(SourceTable.CONTRACTS).add(row);
    contracts.put(spec.contractId, contractRecord(row));
    return this;
  }

  private static Contract contractRecord(List<String> row) {
    Object[] values = new Object[SourceTable.CONTRACTS.columns().size()];
    for (int i = 0; i < values.length; i++) {
      String text = row.get(i);
      values[i] = text == null ? null : SourceTable.CONTRACTS.columns().get(i).type().parse(text);
    }
    return DomainRows.contract(new dev.leakproof.schemas.tables.Row(0, values));
  }

  /** Correct invoices (seats at p(m), the discount in force) for every month from..to. */
  public AuditFixture billCorrectly(String contractId, String from, String to) {
    Contract c = contracts.get(contractId);
    for (YearMonth m = YearMonth.parse(from); !m.isAfter(YearMonth.parse(to)); m = m.plusMonths(1)) {
      String inv = invoice(contractId, m.toString(), "paid");
      BigDecimal price = c.seatPrice(m);
      line(inv, "seats", null, String.valueOf(c.seatsLicensed()), price.toPlainString(),
          Money.plain(price.multiply(BigDecimal.valueOf(c.seatsLicensed()))));
      BigDecimal discount = c.discountInForce(m);
      if (discount.signum() > 0) {
        line(inv, "discount", null, "1", discount.negate().toPlainString(), discount.negate().toPlainString());
      }
    }
    return this;
  }

  /** Adds an invoice for the month and returns its id. */
  public String invoice(String contractId, String month, String status) {
    Contract c = contracts.get(contractId);
    YearMonth m = YearMonth.parse(month);
    String id = String.format("INV-%05d", ++invoiceSeq);
    rows.get(SourceTable.INVOICES).add(Arrays.asList(id, contractId, c.accountId(), m.atDay(1).toString(),
        m.atEndOfMonth().toString(), m.plusMonths(1).atDay(1).toString(), status));
    return id;
  }

  public AuditFixture line(String invoiceId, String type, String metric, String quantity, String unitPrice,
      String amount) {
    long lineNo = rows.get(SourceTable.INVOICE_LINES).stream().filter(r -> r.get(0).equals(invoiceId)).count() + 1;
    rows.get(SourceTable.INVOICE_LINES).add(Arrays.asList(invoiceId, String.valueOf(lineNo), type, metric, quantity,
        unitPrice, amount));
    return this;
  }

  /** Removes every invoice line of the contract's month, so a test can bill it its own way. */
  public AuditFixture unbill(String contractId, String month) {
    String start = YearMonth.parse(month).atDay(1).toString();
    List<String> ids = rows.get(SourceTable.INVOICES).stream()
        .filter(r -> r.get(1).equals(contractId) && r.get(3).equals(start)).map(r -> r.get(0)).toList();
    rows.get(SourceTable.INVOICES).removeIf(r -> ids.contains(r.get(0)));
    rows.get(SourceTable.INVOICE_LINES).removeIf(r -> ids.contains(r.get(0)));
    return this;
  }

  /** An accepted usage event (occurred_at in UTC). */
  public AuditFixture usage(String eventId, String workspaceId, String metric, String quantity, String occurredAt) {
    return usageCorrection(eventId, workspaceId, metric, quantity, occurredAt, null);
  }

  public AuditFixture usageCorrection(String eventId, String workspaceId, String metric, String quantity,
      String occurredAt, String correctsEventId) {
    return usageReceived(eventId, workspaceId, metric, quantity, occurredAt, null, correctsEventId);
  }

  /**
   * An accepted usage event received at {@code receivedAt} (UTC; null: not known), correcting
   * {@code correctsEventId} unless that is null. Events arrive in the order they are added.
   */
  public AuditFixture usageReceived(String eventId, String workspaceId, String metric, String quantity,
      String occurredAt, String receivedAt, String correctsEventId) {
    Instant at = Instant.parse(occurredAt);
    usage.add(new Object[] {eventId, workspaceId, metric, new BigDecimal(quantity), at, correctsEventId, ++arrival,
        receivedAt == null ? null : Instant.parse(receivedAt)});
    return this;
  }

  /** An accepted seat event. */
  public AuditFixture seat(String eventId, String workspaceId, String userId, String action, String occurredAt) {
    seats.add(new Object[] {eventId, workspaceId, userId, action, Instant.parse(occurredAt), ++arrival});
    return this;
  }

  /** {@code n} users added on the day, ids {@code prefix1..prefixN}. */
  public AuditFixture usersAdded(String workspaceId, String prefix, int n, String occurredAt) {
    for (int i = 1; i <= n; i++) {
      seat("se-" + workspaceId + "-" + prefix + i, workspaceId, prefix + i, "added", occurredAt);
    }
    return this;
  }

  /**
   * An INSERT into one of the ml tables ({@code leakproof ml score}'s output), run after the
   * sources are loaded (which creates the tables empty) and before the models are built.
   */
  public AuditFixture mlRows(String insert) {
    mlRows.add(insert);
    return this;
  }

  /** Builds the project as of the date and returns leak_findings, ordered as findings.csv. */
  public List<Map<String, Object>> audit(LocalDate asOf) throws Exception {
    return build(asOf, Map.of(), "SELECT * FROM main.leak_findings "
        + "ORDER BY leak_type, account_id, contract_id NULLS FIRST, metric NULLS FIRST").get(0);
  }

  /** Builds the project as of the date and returns the rows of each query, in order. */
  public List<List<Map<String, Object>>> build(LocalDate asOf, String... queries) throws Exception {
    return build(asOf, Map.of(), queries);
  }

  /**
   * Builds the project as of the date with more vars ({@code as_of} is set) and returns the rows
   * of each query, in order.
   */
  public List<List<Map<String, Object>>> build(LocalDate asOf, Map<String, Object> vars, String... queries)
      throws Exception {
    writeCsv();
    SourceData data = new DatasetReader(dir).read();
    if (!data.rejections().isEmpty()) {
      throw new IllegalStateException("fixture rows rejected: " + data.rejections());
    }
    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(
        new DuckDbWarehouse.Settings(dir.resolve("work/warehouse.duckdb"), "1GB", 2))) {
      RawLoader loader = new RawLoader(warehouse);
      loader.loadSources(data);
      loadEvents(warehouse);
      for (String insert : mlRows) {
        warehouse.execute(insert);
      }
      Path project = BundledProject.extract(dir.resolve("work/project"));
      Map<String, Object> all = new LinkedHashMap<>(vars);
      all.put("as_of", asOf.toString());
      DbtEngine engine = new DbtEngine(ProjectLoader.load(project), warehouse,
          ProjectCompiler.Options.of(Target.DUCKDB, "main", Map.copyOf(all)), dir.resolve("work/target"));
      for (NodeResult r : engine.execute(DbtEngine.Command.BUILD, null, null, x -> { })) {
        if (!r.ok()) {
          throw new IllegalStateException(r.name() + " " + r.status() + ": " + r.message());
        }
      }
      List<List<Map<String, Object>>> out = new ArrayList<>();
      for (String q : queries) {
        out.add(warehouse.query(q));
      }
      return out;
    }
  }

  private void writeCsv() throws IOException {
    for (SourceTable t : SourceTable.values()) {
      try (Writer w = Files.newBufferedWriter(dir.resolve(t.fileName()), StandardCharsets.UTF_8)) {
        w.write(HEADERS.get(t) + "\n");
        CsvWriter csv = new CsvWriter(w);
        for (List<String> r : rows.get(t)) {
          csv.write(r);
        }
      }
    }
  }

  /** The columns each raw lake table has in the warehouse besides the lake's own (the commit that brought a row). */
  private static final String LAKE_COLUMNS = ", _lake_snapshot_id BIGINT, _lake_committed_at TIMESTAMP";

  private void loadEvents(DuckDbWarehouse warehouse) throws Exception {
    warehouse.execute("CREATE TABLE raw.usage_events (event_id VARCHAR, workspace_id VARCHAR, metric VARCHAR, "
        + "quantity DECIMAL(38,12), occurred_at TIMESTAMP, occurred_date DATE, received_at TIMESTAMP, "
        + "corrects_event_id VARCHAR, source_file VARCHAR, line_no BIGINT, arrival_seq BIGINT, collected_at TIMESTAMP"
        + LAKE_COLUMNS + ")");
    warehouse.execute("CREATE TABLE raw.seat_events (event_id VARCHAR, workspace_id VARCHAR, user_id VARCHAR, "
        + "action VARCHAR, occurred_at TIMESTAMP, occurred_date DATE, received_at TIMESTAMP, source_file VARCHAR, "
        + "line_no BIGINT, arrival_seq BIGINT, collected_at TIMESTAMP" + LAKE_COLUMNS + ")");
    warehouse.execute("CREATE TABLE raw.event_quarantine (event_stream VARCHAR, source_file VARCHAR, line_no BIGINT, "
        + "arrival_seq BIGINT, reason VARCHAR, event_id VARCHAR, raw VARCHAR" + LAKE_COLUMNS + ")");
    warehouse.execute("CREATE TABLE raw.event_duplicates (event_stream VARCHAR, source_file VARCHAR, line_no BIGINT, "
        + "arrival_seq BIGINT, event_id VARCHAR, first_arrival_seq BIGINT" + LAKE_COLUMNS + ")");
    // the job's threshold events and the stream's metering lag: none in a fixture
    warehouse.execute("CREATE TABLE raw.usage_thresholds (account_id VARCHAR, metric VARCHAR, usage_month DATE, "
        + "level_pct INTEGER, usage_quantity DECIMAL(38,12), included_units DECIMAL(38,12), contract_id VARCHAR, "
        + "plan_id VARCHAR, price_version INTEGER, overage_unit_price DECIMAL(38,12), currency VARCHAR, "
        + "event_id VARCHAR, received_at TIMESTAMP, collected_at TIMESTAMP, detected_at TIMESTAMP, "
        + "account_name VARCHAR, csm_email VARCHAR" + LAKE_COLUMNS + ")");
    warehouse.execute("CREATE TABLE raw.metering_lag (commit_hour TIMESTAMP, event_stream VARCHAR, source VARCHAR, "
        + "events BIGINT, p50_ms BIGINT, p95_ms BIGINT, p99_ms BIGINT, max_ms BIGINT, computed_at TIMESTAMP"
        + LAKE_COLUMNS + ")");
    try (PreparedStatement ps = warehouse.connection().prepareStatement(
        "INSERT INTO raw.usage_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'usage_events_001.jsonl', ?, ?, NULL, 1, "
            + "TIMESTAMP '2026-01-01 00:00:00')")) {
      for (Object[] e : usage) {
        Instant at = (Instant) e[4];
        ps.setString(1, (String) e[0]);
        ps.setString(2, (String) e[1]);
        ps.setString(3, (String) e[2]);
        ps.setBigDecimal(4, (BigDecimal) e[3]);
        ps.setObject(5, OffsetDateTime.ofInstant(at, ZoneOffset.UTC).toLocalDateTime());
        ps.setObject(6, LocalDate.ofInstant(at, ZoneOffset.UTC));
        if (e[7] == null) {
          ps.setNull(7, java.sql.Types.TIMESTAMP);
        } else {
          ps.setObject(7, OffsetDateTime.ofInstant((Instant) e[7], ZoneOffset.UTC).toLocalDateTime());
        }
        ps.setString(8, (String) e[5]);
        ps.setLong(9, (Long) e[6]);
        ps.setLong(10, (Long) e[6]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = warehouse.connection().prepareStatement(
        "INSERT INTO raw.seat_events VALUES (?, ?, ?, ?, ?, ?, NULL, 'seat_events_001.jsonl', ?, ?, NULL, 1, "
            + "TIMESTAMP '2026-01-01 00:00:00')")) {
      for (Object[] e : seats) {
        Instant at = (Instant) e[4];
        ps.setString(1, (String) e[0]);
        ps.setString(2, (String) e[1]);
        ps.setString(3, (String) e[2]);
        ps.setString(4, (String) e[3]);
        ps.setObject(5, OffsetDateTime.ofInstant(at, ZoneOffset.UTC).toLocalDateTime());
        ps.setObject(6, LocalDate.ofInstant(at, ZoneOffset.UTC));
        ps.setLong(7, (Long) e[5]);
        ps.setLong(8, (Long) e[5]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The fields of a contract row, with defaults a test overrides. */
  public static final class ContractSpec {
    String contractId = "CTR-1";
    String accountId = "ACC-1";
    String start = "2025-01-01";
    String end = "2026-12-31";
    int seats = 10;
    String price = "40.00";
    String uplift = "0";
    String discount = "0";
    String discountEnd;
    boolean autoBill = true;
    boolean autoRenew = false;
    String champion = "Pat";
    String scope = "SSO";
    String rateNote = "list";

    public static ContractSpec of(String contractId, String accountId) {
      ContractSpec s = new ContractSpec();
      s.contractId = contractId;
      s.accountId = accountId;
      return s;
    }

    public ContractSpec term(String startDate, String endDate) {
      start = startDate;
      end = endDate;
      return this;
    }

    public ContractSpec seats(int n, String unitPrice) {
      seats = n;
      price = unitPrice;
      return this;
    }

    public ContractSpec uplift(String pct) {
      uplift = pct;
      return this;
    }

    public ContractSpec discount(String pct, String endDate) {
      discount = pct;
      discountEnd = endDate;
      return this;
    }

    public ContractSpec noAutoBill() {
      autoBill = false;
      return this;
    }

    public ContractSpec autoRenewed() {
      autoRenew = true;
      return this;
    }

    public ContractSpec handoff(String championName, String technicalScope, String closedRateNote) {
      champion = championName;
      scope = technicalScope;
      rateNote = closedRateNote;
      return this;
    }
  }
}
