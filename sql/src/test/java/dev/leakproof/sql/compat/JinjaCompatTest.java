package dev.leakproof.sql.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.sql.jinja.RenderException;
import dev.leakproof.sql.run.DbtEngine;
import dev.leakproof.sql.run.NodeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jinja as dbt projects write it: macro defaults holding SQL text, {@code varargs} and
 * {@code kwargs}, trailing commas in calls, lists and dicts, Python {@code %} formatting and str
 * methods, {@code return()} ending a macro at once (dbt's {@code date_spine} relies on it),
 * {@code run_query} returning nothing while parsing, and a call to a macro that does not exist
 * failing with its name. Every number is recomputed by DuckDB from the seed file.
 */
class JinjaCompatTest {

  @TempDir Path tmp;
  CompatProject p;

  @BeforeEach
  void open() throws Exception {
    p = CompatProject.copy("jinja", tmp);
  }

  @AfterEach
  void close() throws Exception {
    p.close();
  }

  @Test
  void macrosRenderAsDbtRendersThem() throws Exception {
    Map<String, NodeResult> results = p.build(Map.of());
    results.values().forEach(r -> assertThat(r.status()).as(r.name() + ": " + r.message()).isIn("success", "pass"));
    assertThat(p.rows("select kind, n from main.kinds_ranked"))
        .isEqualTo(p.oracle("select kind, count(*) as n from {seed:seeds/events.csv} group by kind "
            + "order by count(*) desc, coalesce(kind, '') limit 3"));
    assertThat(p.rows("select event_id, gross, net, kind_upper from main.event_values order by event_id"))
        .isEqualTo(p.oracle("select id, (amount + fee), round(amount * 0.8, 1), upper(kind) "
            + "from {seed:seeds/events.csv} order by id"));
    assertThat(p.rows("select picked, none_picked, parts, formatted, listed from main.first_positive"))
        .containsExactly("7|null|a|b|c|ab    |003.1|6");
  }

  @Test
  void dateSpineAndRunQueryReadTheWarehouseOnlyWhenExecuting() throws Exception {
    p.build(Map.of());
    assertThat(p.rows("select date_day from main.date_days order by 1"))
        .isEqualTo(p.oracle("select cast(d as date) from generate_series(date '2024-01-01', date '2024-01-07', "
            + "interval 1 day) as t(d) order by 1"));
    assertThat(p.rows("select event_count, executed, empty_columns, empty_rows from main.event_count"))
        .isEqualTo(p.oracle("select count(*), true, 'id,kind', 0 from {seed:seeds/events.csv}"));
  }

  @Test
  void aCallToAMacroThatDoesNotExistIsAnErrorNamingIt() throws Exception {
    Files.writeString(p.dir.resolve("models/broken.sql"), "select 1 as a,\n  {{ no_such_macro('x') }} as b");
    DbtEngine engine = p.engine(Map.of());
    assertThatThrownBy(engine::compile).isInstanceOf(RenderException.class)
        .hasMessageContaining("models/broken.sql:2").hasMessageContaining("no_such_macro")
        .hasMessageContaining("undefined");
  }
}
