package dev.leakproof.sql.run;

import dev.leakproof.sql.project.NodeKind;
import dev.leakproof.sql.warehouse.Warehouse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs compiled nodes on the warehouse in order: models are materialized ({@code view} or
 * {@code table}), tests count their failing rows. A node whose upstream failed is skipped.
 */
public final class ProjectRunner {

  private final Warehouse warehouse;

  public ProjectRunner(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  /**
   * @param progress called after each node with its result
   */
  public List<NodeResult> run(List<CompiledNode> nodes, Consumer<NodeResult> progress) throws SQLException {
    Set<String> schemas = new HashSet<>();
    Set<String> failed = new HashSet<>();
    List<NodeResult> results = new ArrayList<>();
    for (CompiledNode node : nodes) {
      long start = System.nanoTime();
      NodeResult result;
      String blocked = node.dependsOn().stream().filter(failed::contains).findFirst().orElse(null);
      if (blocked != null) {
        result = new NodeResult(node.name(), node.file(), "skipped", Duration.ZERO, 0, "upstream " + blocked + " failed");
      } else if (node.kind() == NodeKind.MODEL) {
        result = materialize(node, schemas, start);
      } else {
        result = test(node, start);
      }
      if (!result.ok()) {
        failed.add(node.name());
      }
      results.add(result);
      progress.accept(result);
    }
    return results;
  }

  private NodeResult materialize(CompiledNode node, Set<String> schemas, long start) {
    String schema = node.relation().substring(0, node.relation().indexOf('.'));
    try {
      if (schemas.add(schema)) {
        warehouse.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
      }
      String relation = quote(schema) + "." + quote(node.relation().substring(schema.length() + 1));
      switch (node.materialization()) {
        case "view" -> warehouse.execute("CREATE OR REPLACE VIEW " + relation + " AS\n" + node.sql());
        case "table" -> warehouse.execute("CREATE OR REPLACE TABLE " + relation + " AS\n" + node.sql());
        default -> {
          return new NodeResult(node.name(), node.file(), "error", elapsed(start), 0,
              "Cannot materialize " + node.name() + ": unsupported materialization " + node.materialization());
        }
      }
      return new NodeResult(node.name(), node.file(), "success", elapsed(start), 0, "");
    } catch (SQLException e) {
      return new NodeResult(node.name(), node.file(), "error", elapsed(start), 0,
          "Database error in " + node.file() + ": " + firstLine(e.getMessage()));
    }
  }

  private NodeResult test(CompiledNode node, long start) {
    try {
      List<Map<String, Object>> rows = warehouse.query("SELECT count(*) AS failures FROM (\n" + node.sql() + "\n) AS t");
      long failures = ((Number) rows.get(0).get("failures")).longValue();
      return new NodeResult(node.name(), node.file(), failures == 0 ? "pass" : "fail", elapsed(start), failures,
          failures == 0 ? "" : "Got " + failures + " result" + (failures == 1 ? "" : "s") + ", configured to fail if != 0");
    } catch (SQLException e) {
      return new NodeResult(node.name(), node.file(), "error", elapsed(start), 0,
          "Database error in " + node.file() + ": " + firstLine(e.getMessage()));
    }
  }

  private String quote(String identifier) {
    return warehouse.target().dialect().quoteIdentifier(identifier);
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.split("\n")[0];
  }
}
