package dev.leakproof.sql.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.sql.project.BundledProject;
import dev.leakproof.sql.project.NodeKind;
import dev.leakproof.sql.project.ProjectLoader;
import dev.leakproof.sql.run.CompiledNode;
import dev.leakproof.sql.run.CompiledProject;
import dev.leakproof.sql.run.ProjectCompiler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every model of Leakproof's own project compiles to Snowflake SQL without a connection (sources
 * declare their types), and golden files pin that SQL. Run with {@code -Dgolden.update=true} to
 * rewrite the golden files after an intended change, and review the diff.
 */
class SnowflakeGoldenTest {

  static final Path GOLDEN = Path.of("src/test/resources/golden/snowflake");

  @TempDir Path tmp;

  @Test
  void everyModelCompilesToTheGoldenSnowflakeSql() throws Exception {
    Path project = BundledProject.extract(tmp.resolve("project"));
    CompiledProject compiled = new ProjectCompiler(ProjectLoader.load(project), null,
        new ProjectCompiler.Options(Target.SNOWFLAKE, "prod", "analytics", Map.of("as_of", "2026-06-15"), false))
        .compile();
    boolean update = Boolean.getBoolean("golden.update");
    List<String> mismatched = new ArrayList<>();
    List<CompiledNode> models = compiled.nodes().stream().filter(n -> n.kind() == NodeKind.MODEL).toList();
    assertThat(models).hasSizeGreaterThanOrEqualTo(30);
    for (CompiledNode model : models) {
      Path golden = GOLDEN.resolve(model.name() + ".sql");
      String sql = model.sql() + "\n";
      assertThat(sql).doesNotContain("\"main\"").doesNotContain(" ASYMMETRIC ").doesNotContain("CHARACTER SET");
      if (update) {
        Files.createDirectories(GOLDEN);
        Files.writeString(golden, sql, StandardCharsets.UTF_8);
      } else if (!Files.exists(golden) || !Files.readString(golden, StandardCharsets.UTF_8).equals(sql)) {
        mismatched.add(model.name());
      }
    }
    assertThat(mismatched).as("models whose Snowflake SQL differs from src/test/resources/golden/snowflake "
        + "(rerun with -Dgolden.update=true if the change is intended)").isEmpty();
  }
}
