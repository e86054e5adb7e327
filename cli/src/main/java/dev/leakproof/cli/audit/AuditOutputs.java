package dev.leakproof.cli.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakproof.cli.support.AtomicFiles;
import dev.leakproof.core.CaptureStats;
import dev.leakproof.core.EventStream;
import dev.leakproof.core.Finding;
import dev.leakproof.core.LeakType;
import dev.leakproof.core.Money;
import dev.leakproof.schemas.csv.CsvWriter;
import dev.leakproof.schemas.tables.SourceTable;
import dev.leakproof.sql.warehouse.RawLoader;
import dev.leakproof.sql.warehouse.Warehouse;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exports the audit's outputs from the warehouse marts: findings.csv from leak_findings,
 * quarantine.csv from quarantine_lines, capture.json from event_capture, the loader's counts and
 * invoice_error_rate.
 * All three are written atomically: either every file is complete or none is replaced.
 */
final class AuditOutputs {

  static final List<String> FINDINGS_HEADER = List.of("leak_type", "kind", "account_id", "contract_id", "metric",
      "period_start", "period_end", "amount", "currency", "evidence", "recommended_action");
  static final List<String> QUARANTINE_HEADER = List.of("source_file", "line_no", "reason", "raw");

  private final Warehouse warehouse;
  private final Path out;

  AuditOutputs(Warehouse warehouse, Path out) {
    this.warehouse = warehouse;
    this.out = out;
  }

  AuditResult write(Map<String, Duration> stages, List<String> failedTests, Path work, Duration jobRuntime,
      long eventLines) throws Exception {
    List<Map<String, Object>> findingRows = warehouse.query("SELECT leak_type, kind, account_id, contract_id, metric, "
        + "period_start_label, period_end_label, amount, currency, evidence, recommended_action "
        + "FROM main.leak_findings ORDER BY leak_type, account_id, contract_id NULLS FIRST, metric NULLS FIRST");
    List<Map<String, Object>> quarantineRows = warehouse.query(
        "SELECT source_file, line_no, reason, raw FROM main.quarantine_lines ORDER BY source_file, line_no");
    Map<String, CaptureStats> capture = captureStats();
    Map<String, Map<String, Long>> rejectedByTable = rejectedRows();
    String captureText = captureJson(capture, rejectedByTable);
    List<Finding> findings = new ArrayList<>();
    for (Map<String, Object> r : findingRows) {
      findings.add(new Finding(LeakType.fromCode((String) r.get("leak_type")), (String) r.get("account_id"),
          (String) r.get("contract_id"), (String) r.get("metric"),
          YearMonth.parse((String) r.get("period_start_label")), YearMonth.parse((String) r.get("period_end_label")),
          (BigDecimal) r.get("amount"), (String) r.get("currency"), (String) r.get("evidence"),
          (String) r.get("recommended_action")));
    }
    List<List<Object>> anomalyRows = anomalyFindings();
    Path findingsFile = out.resolve("findings.csv");
    Path quarantineFile = out.resolve("quarantine.csv");
    Path captureFile = out.resolve("capture.json");
    try (AtomicFiles files = new AtomicFiles()) {
      files.stage(findingsFile, w -> {
        CsvWriter csv = new CsvWriter(w);
        csv.write(FINDINGS_HEADER);
        for (Finding f : findings) {
          csv.write(List.of(f.leakType().code(), f.kind().code(), f.accountId(), nullToEmpty(f.contractId()),
              nullToEmpty(f.metric()), f.periodStart().toString(), f.periodEnd().toString(), Money.plain(f.amount()),
              f.currency(), nullToEmpty(f.evidence()), nullToEmpty(f.recommendedAction())));
        }
        for (List<Object> row : anomalyRows) {
          csv.write(row);
        }
      });
      files.stage(quarantineFile, w -> {
        CsvWriter csv = new CsvWriter(w);
        csv.write(QUARANTINE_HEADER);
        for (Map<String, Object> r : quarantineRows) {
          csv.write(List.of(r.get("source_file"), r.get("line_no"), r.get("reason"), nullToEmpty(r.get("raw"))));
        }
      });
      files.stage(captureFile, w -> w.write(captureText));
      files.commit();
    }
    long rejected = rejectedByTable.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    return new AuditResult(findings, capture, quarantineRows.size(), rejected, stages, failedTests,
        findingsFile, quarantineFile, captureFile, work, jobRuntime, eventLines);
  }

  /**
   * The findings of type anomaly a scoring run left in ml.anomaly_findings (none when no model
   * scored the warehouse), after the rule findings and never instead of them.
   */
  private List<List<Object>> anomalyFindings() throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    boolean scored = ((Number) warehouse.query("SELECT count(*) AS n FROM information_schema.tables "
        + "WHERE table_schema = 'ml' AND table_name = 'anomaly_findings'").get(0).get("n")).longValue() > 0;
    if (!scored) {
      return rows;
    }
    for (Map<String, Object> r : warehouse.query("SELECT leak_type, kind, account_id, contract_id, metric, "
        + "period_start_label, period_end_label, amount, currency, evidence, recommended_action "
        + "FROM ml.anomaly_findings ORDER BY account_id, contract_id")) {
      rows.add(List.<Object>of((String) r.get("leak_type"), (String) r.get("kind"), (String) r.get("account_id"),
          nullToEmpty(r.get("contract_id")), nullToEmpty(r.get("metric")), (String) r.get("period_start_label"),
          (String) r.get("period_end_label"), Money.plain((BigDecimal) r.get("amount")), (String) r.get("currency"),
          nullToEmpty(r.get("evidence")), nullToEmpty(r.get("recommended_action"))));
    }
    return rows;
  }

  private Map<String, CaptureStats> captureStats() throws SQLException {
    Map<String, CaptureStats> stats = new LinkedHashMap<>();
    Map<String, Map<String, Long>> reasons = new TreeMap<>();
    for (Map<String, Object> r : warehouse.query("SELECT event_stream, reason, lines FROM main.event_quarantine_by_reason")) {
      reasons.computeIfAbsent((String) r.get("event_stream"), k -> new TreeMap<>())
          .put((String) r.get("reason"), ((Number) r.get("lines")).longValue());
    }
    Map<String, Map<String, Object>> byStream = new TreeMap<>();
    for (Map<String, Object> r : warehouse.query("SELECT event_stream, lines_read, accepted, duplicates FROM main.event_capture")) {
      byStream.put((String) r.get("event_stream"), r);
    }
    for (EventStream stream : EventStream.values()) {
      Map<String, Object> r = byStream.get(stream.key());
      stats.put(stream.key(), new CaptureStats(((Number) r.get("lines_read")).longValue(),
          ((Number) r.get("accepted")).longValue(), ((Number) r.get("duplicates")).longValue(),
          reasons.getOrDefault(stream.key(), Map.of())));
    }
    return stats;
  }

  /** The loader's rejected CSV rows per file and reason code (raw.source_rejections). */
  private Map<String, Map<String, Long>> rejectedRows() throws SQLException {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    for (Map<String, Object> r : warehouse.query("SELECT source_file, code, count(*) AS n FROM "
        + RawLoader.RAW + "." + RawLoader.SOURCE_REJECTIONS + " GROUP BY 1, 2")) {
      out.computeIfAbsent((String) r.get("source_file"), k -> new TreeMap<>())
          .put((String) r.get("code"), ((Number) r.get("n")).longValue());
    }
    return out;
  }

  private String captureJson(Map<String, CaptureStats> capture, Map<String, Map<String, Long>> rejected)
      throws java.io.IOException, SQLException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    capture.forEach((stream, s) -> {
      ObjectNode node = root.putObject(stream);
      node.put("read", s.read());
      node.put("accepted", s.accepted());
      node.put("duplicates", s.duplicates());
      node.put("quarantined", s.quarantined());
      ObjectNode reasons = node.putObject("quarantined_by_reason");
      s.quarantinedByReason().forEach(reasons::put);
      node.put("capture_rate", s.captureRate());
    });
    ObjectNode tables = root.putObject("source_tables");
    for (SourceTable table : SourceTable.values()) {
      long loaded = ((Number) warehouse.query("SELECT count(*) AS n FROM " + RawLoader.RAW + "." + table.tableName())
          .get(0).get("n")).longValue();
      Map<String, Long> byCode = rejected.getOrDefault(table.fileName(), Map.of());
      long rejectedRows = byCode.values().stream().mapToLong(Long::longValue).sum();
      ObjectNode node = tables.putObject(table.fileName());
      node.put("rows", loaded + rejectedRows);
      node.put("loaded", loaded);
      node.put("rejected", rejectedRows);
      ObjectNode codes = node.putObject("rejected_by_reason");
      byCode.forEach(codes::put);
    }
    InvoiceErrorRateJson.put(warehouse, root);
    return json.writeValueAsString(root) + "\n";
  }

  private static Object nullToEmpty(Object value) {
    return value == null ? "" : value;
  }
}
