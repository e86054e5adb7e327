package dev.leakproof.sql.run;

import dev.leakproof.sql.project.NodeKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A seed, model or test after Jinja and Calcite: its validated row type, its SQL in the target's
 * dialect, its config, and the nodes it depends on (dbt unique ids).
 *
 * @param uniqueId dbt's id: {@code model.<project>.<name>}, {@code seed...}, {@code test...}
 * @param relation where a model or seed is built ({@code schema.name}); null for tests and
 *     ephemeral models
 * @param materialization {@code view}, {@code table}, {@code incremental}, {@code ephemeral},
 *     {@code seed}; null for tests
 * @param incrementalRun true when an incremental model adds to its existing table this run
 * @param packageName the package the node belongs to; fqn dbt's fully qualified name
 * @param preHooks rendered {@code pre-hook} statements, run before the node; postHooks after it
 * @param testMetadata for generic tests: {@code name}, {@code namespace}, {@code kwargs}
 * @param rawSql the file's text; renderedSql the SQL after Jinja; sql the dialect's SQL (null
 *     while the node is deferred: its template queries the warehouse, see {@link #deferred})
 */
public record CompiledNode(
    NodeKind kind,
    String name,
    String uniqueId,
    String packageName,
    List<String> fqn,
    String file,
    String relation,
    String materialization,
    boolean incrementalRun,
    Map<String, Object> config,
    List<String> dependsOn,
    RelDataType rowType,
    String rawSql,
    String renderedSql,
    String sql,
    List<String> preHooks,
    List<String> postHooks,
    Map<String, Object> testMetadata) {

  public CompiledNode {
    dependsOn = List.copyOf(dependsOn);
    fqn = List.copyOf(fqn);
    preHooks = List.copyOf(preHooks);
    postHooks = List.copyOf(postHooks);
    testMetadata = testMetadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(testMetadata));
    config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
  }

  /**
   * True when the node could not be compiled ahead of the run because its template reads the
   * warehouse ({@code run_query}) from relations built by the run itself; it is compiled right
   * before it runs, as dbt compiles every node.
   */
  public boolean deferred() {
    return sql == null;
  }

  /** This node with its SQL set (a deferred node compiled at run time). */
  public CompiledNode withSql(RelDataType rowType, String renderedSql, String sql) {
    return new CompiledNode(kind, name, uniqueId, packageName, fqn, file, relation, materialization, incrementalRun,
        config, dependsOn, rowType, rawSql, renderedSql, sql, preHooks, postHooks, testMetadata);
  }

  /** The unique key of an incremental model ({@code unique_key}), or an empty list. */
  public List<String> uniqueKey() {
    Object key = config.get("unique_key");
    if (key == null) {
      return List.of();
    }
    if (key instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(key));
  }
}
