package dev.leakproof.sql.run;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.sql.compile.CompileException;
import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.project.ProjectException;
import dev.leakproof.sql.project.ProjectLoader;
import dev.leakproof.sql.testutils.Projects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults in a project are reported with the file (and line) before any SQL reaches a warehouse. */
class CompileErrorsTest {

  @TempDir Path tmp;

  CompiledProject compile(Path project) throws Exception {
    return new ProjectCompiler(ProjectLoader.load(project), null,
        ProjectCompiler.Options.of(Target.DUCKDB, "main", Map.of())).compile();
  }

  @Test
  void anUnknownColumnNamesTheModelFileAndLine() throws Exception {
    Path p = Projects.copy("jaffle_shop", tmp);
    Path orders = p.resolve("models/staging/stg_orders.sql");
    Files.writeString(orders, Files.readString(orders).replace("        status\n", "        status,\n        shipped_at\n"));
    assertThatThrownBy(() -> compile(p)).isInstanceOf(CompileException.class)
        .hasMessage("models/staging/stg_orders.sql:11:9: Column 'shipped_at' not found in any table");
  }

  @Test
  void aTypeErrorNamesTheModelFile() throws Exception {
    Path p = Projects.copy("jaffle_shop", tmp);
    Path orders = p.resolve("models/staging/stg_orders.sql");
    Files.writeString(orders, Files.readString(orders).replace("from source", "from source where order_date > 5"));
    assertThatThrownBy(() -> compile(p)).isInstanceOf(CompileException.class)
        .hasMessageStartingWith("models/staging/stg_orders.sql:")
        .hasMessageContaining("Cannot apply '>' to arguments of type '<DATE> > <INTEGER>'");
  }

  @Test
  void aMissingRefAndACycleNameTheFiles() throws Exception {
    Path p = Projects.copy("jaffle_shop", tmp);
    Files.writeString(p.resolve("models/marts/broken.sql"), "select * from {{ ref('nowhere') }}");
    assertThatThrownBy(() -> compile(p)).isInstanceOf(ProjectException.class)
        .hasMessage("Model 'model.jaffle_shop.broken' (models/marts/broken.sql) depends on a node named 'nowhere' "
            + "which was not found");
    Files.writeString(p.resolve("models/marts/broken.sql"), "select * from {{ ref('looped') }}");
    Files.writeString(p.resolve("models/marts/looped.sql"), "select * from {{ ref('broken') }}");
    assertThatThrownBy(() -> compile(p)).isInstanceOf(ProjectException.class)
        .hasMessage("Found a cycle: model.jaffle_shop.broken (models/marts/broken.sql) -> model.jaffle_shop.looped "
            + "(models/marts/looped.sql) -> model.jaffle_shop.broken (models/marts/broken.sql)");
  }

  @Test
  void anUndeclaredSourceWithoutAConnectionIsExplained() throws Exception {
    Path p = Projects.copy("jaffle_shop", tmp);
    Files.writeString(p.resolve("models/staging/sources.yml"),
        "version: 2\nsources:\n  - name: shop\n    tables:\n      - name: refunds\n");
    Files.writeString(p.resolve("models/staging/stg_refunds.sql"), "select * from {{ source('shop', 'refunds') }}");
    assertThatThrownBy(() -> compile(p)).isInstanceOf(ProjectException.class)
        .hasMessage("Cannot compile source shop.refunds without a warehouse connection: declare the data_type of "
            + "its columns in models/staging/sources.yml");
  }
}
