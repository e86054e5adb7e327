package dev.leakproof.sql.run;

import dev.leakproof.sql.project.NodeKind;
import dev.leakproof.sql.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Materializes compiled nodes in the warehouse: seeds loaded, views and tables (re)created,
 * incremental models appended to or merged on their unique key (delete then insert, the strategy
 * both DuckDB and Snowflake run the same way), ephemeral models left to their readers; tests
 * count their failing rows and keep the first few to show.
 */
public final class NodeExecutor {

  private static final int SAMPLE_ROWS = 5;

  private final Warehouse warehouse;
  private final Map<String, SeedTable> seeds;
  private final Set<String> schemas = new HashSet<>();

  private final boolean schemasCreated;

  public NodeExecutor(Warehouse warehouse, Map<String, SeedTable> seeds) {
    this(warehouse, seeds, false);
  }

  /** @param schemasCreated true when the run created every schema before it started (parallel runs) */
  NodeExecutor(Warehouse warehouse, Map<String, SeedTable> seeds, boolean schemasCreated) {
    this.warehouse = warehouse;
    this.seeds = seeds;
    this.schemasCreated = schemasCreated;
  }

  public NodeResult execute(CompiledNode node) {
    Instant started = Instant.now();
    long start = System.nanoTime();
    try {
      if (node.kind() == NodeKind.TEST || node.kind() == NodeKind.UNIT_TEST) {
        return test(node, started, start);
      }
      for (String hook : node.preHooks()) {
        warehouse.execute(hook);
      }
      String message = switch (node.materialization()) {
        case "seed" -> seed(node);
        case "view" -> create(node, "VIEW");
        case "table" -> create(node, "TABLE");
        case "incremental" -> incremental(node);
        case "ephemeral" -> "ephemeral: inlined into the models that read it";
        default -> throw new SQLException("Cannot materialize " + node.name() + ": unknown materialization "
            + node.materialization() + " (view, table, incremental, ephemeral)");
      };
      for (String hook : node.postHooks()) {
        warehouse.execute(hook);
      }
      return result(node, "success", started, start, 0, message, List.of());
    } catch (SQLException e) {
      return result(node, "error", started, start, 0,
          "Database error in " + node.file() + ": " + Warehouse.errorLine(e.getMessage()), List.of());
    }
  }

  private String create(CompiledNode node, String kind) throws SQLException {
    ensureSchema(node);
    warehouse.execute("CREATE OR REPLACE " + kind + " " + relation(node) + " AS\n" + node.sql());
    return "created " + kind.toLowerCase(java.util.Locale.ROOT) + " " + node.relation();
  }

  private String seed(CompiledNode node) throws SQLException {
    ensureSchema(node);
    SeedTable table = seeds.get(node.uniqueId());
    StringJoiner ddl = new StringJoiner(", ");
    StringJoiner marks = new StringJoiner(", ");
    for (int i = 0; i < table.columns().size(); i++) {
      ddl.add(quote(table.columns().get(i)) + " " + table.types().get(i));
      marks.add("?");
    }
    warehouse.execute("CREATE OR REPLACE TABLE " + relation(node) + " (" + ddl + ")");
    try (PreparedStatement ps = warehouse.connection().prepareStatement(
        "INSERT INTO " + relation(node) + " VALUES (" + marks + ")")) {
      for (Object[] row : table.rows()) {
        for (int i = 0; i < row.length; i++) {
          ps.setObject(i + 1, row[i]);
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return "loaded " + table.rows().size() + " rows into " + node.relation();
  }

  private String incremental(CompiledNode node) throws SQLException {
    if (!node.incrementalRun()) {
      return create(node, "TABLE");
    }
    List<String> columns = new ArrayList<>();
    node.rowType().getFieldList().forEach(f -> columns.add(quote(f.getName())));
    String list = String.join(", ", columns);
    Connection c = warehouse.connection();
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      String staged = quote("__lp_incremental_" + node.name().replaceAll("\\W", "_"));
      warehouse.execute("CREATE TEMPORARY TABLE " + staged + " AS\n" + node.sql());
      List<String> key = node.uniqueKey();
      if (!key.isEmpty()) {
        StringJoiner match = new StringJoiner(" AND ");
        for (String k : key) {
          match.add("s." + quote(k) + " = " + relation(node) + "." + quote(k));
        }
        warehouse.execute("DELETE FROM " + relation(node) + " WHERE EXISTS (SELECT 1 FROM " + staged + " AS s WHERE "
            + match + ")");
      }
      warehouse.execute("INSERT INTO " + relation(node) + " (" + list + ") SELECT " + list + " FROM " + staged);
      warehouse.execute("DROP TABLE " + staged);
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
    return (node.uniqueKey().isEmpty() ? "appended to " : "merged on " + node.uniqueKey() + " into ") + node.relation();
  }

  /**
   * A data test as dbt's test materialization runs it: {@code fail_calc} (default
   * {@code count(*)}) over the failing rows (at most {@code limit}), compared with
   * {@code warn_if} and {@code error_if} (default {@code != 0}); with {@code severity: warn} a
   * failure is a warning. A unit test fails when any row differs.
   */
  private NodeResult test(CompiledNode node, Instant started, long start) throws SQLException {
    Map<String, Object> c = node.config();
    String failCalc = text(c.get("fail_calc"), "count(*)");
    String warnIf = text(c.get("warn_if"), "!= 0");
    String errorIf = text(c.get("error_if"), "!= 0");
    boolean warnSeverity = text(c.get("severity"), "error").equalsIgnoreCase("warn");
    String limit = c.get("limit") == null ? "" : "\nlimit " + c.get("limit");
    String main = node.sql() + limit;
    List<Map<String, Object>> rows = warehouse.query("select " + failCalc + " as failures, case when " + failCalc + " "
        + warnIf + " then 1 else 0 end as should_warn, case when " + failCalc + " " + errorIf
        + " then 1 else 0 end as should_error from (\n" + main + "\n) as dbt_internal_test");
    Map<String, Object> row = rows.get(0);
    long failures = row.get("failures") == null ? 0 : ((Number) row.get("failures")).longValue();
    boolean shouldWarn = ((Number) row.get("should_warn")).intValue() == 1;
    boolean shouldError = ((Number) row.get("should_error")).intValue() == 1;
    String status;
    String threshold;
    if (!warnSeverity && shouldError) {
      status = "fail";
      threshold = errorIf;
    } else if (shouldWarn) {
      status = "warn";
      threshold = warnIf;
    } else {
      return result(node, "pass", started, start, failures, "", List.of());
    }
    List<Map<String, Object>> sample = warehouse.query("select * from (\n" + main + "\n) as t limit " + SAMPLE_ROWS);
    String noun = node.kind() == NodeKind.UNIT_TEST ? " differing row" : " result";
    return result(node, status, started, start, failures, "Got " + failures + noun + (failures == 1 ? "" : "s")
        + ", configured to " + status + " if " + threshold, sample);
  }

  private static String text(Object v, String otherwise) {
    return v == null || String.valueOf(v).isBlank() ? otherwise : String.valueOf(v).strip();
  }

  private void ensureSchema(CompiledNode node) throws SQLException {
    String schema = node.relation().substring(0, node.relation().indexOf('.'));
    if (!schemasCreated && schemas.add(schema)) {
      warehouse.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
    }
  }

  private String relation(CompiledNode node) {
    int dot = node.relation().indexOf('.');
    return quote(node.relation().substring(0, dot)) + "." + quote(node.relation().substring(dot + 1));
  }

  private String quote(String identifier) {
    return warehouse.target().dialect().quoteIdentifier(identifier);
  }

  private static NodeResult result(CompiledNode node, String status, Instant started, long start, long failures,
      String message, List<Map<String, Object>> sample) {
    return new NodeResult(node.uniqueId(), node.name(), node.file(), status, started,
        Duration.ofNanos(System.nanoTime() - start), failures, message, sample,
        threadId());
  }

  /** A node not run because one it depends on failed. */
  static NodeResult skipped(CompiledNode node, String upstream) {
    return new NodeResult(node.uniqueId(), node.name(), node.file(), "skipped", Instant.now(), Duration.ZERO, 0,
        "skipped: upstream " + upstream + " failed", List.of(), threadId());
  }

  /** A node that could not run: its deferred compilation failed. */
  static NodeResult error(CompiledNode node, String message) {
    return new NodeResult(node.uniqueId(), node.name(), node.file(), "error", Instant.now(), Duration.ZERO, 0,
        Warehouse.errorLine(message), List.of(), threadId());
  }

  private static String threadId() {
    String name = Thread.currentThread().getName();
    return name.startsWith("leakproof-node-") ? "Thread-" + name.substring("leakproof-node-".length()) : "Thread-1";
  }
}
