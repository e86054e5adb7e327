package dev.leakproof.sql.run;

import dev.leakproof.sql.project.NodeKind;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A model or test after Jinja and Calcite: its validated row type, its SQL in the target's
 * dialect, and the nodes it depends on.
 *
 * @param relation where a model is built ({@code schema.name}); null for tests
 * @param materialization {@code view}, {@code table}, ...; null for tests
 */
public record CompiledNode(
    NodeKind kind,
    String name,
    String file,
    String relation,
    String materialization,
    List<String> dependsOn,
    RelDataType rowType,
    String renderedSql,
    String sql) {

  public CompiledNode {
    dependsOn = List.copyOf(dependsOn);
  }
}
