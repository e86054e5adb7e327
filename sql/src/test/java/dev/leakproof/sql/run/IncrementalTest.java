package dev.leakproof.sql.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.project.ProjectLoader;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental models run twice over growing input give the same rows as a full refresh: merged
 * on their unique key (an updated row replaces its old version) or appended.
 */
class IncrementalTest {

  @TempDir Path tmp;

  Path project() throws Exception {
    Path p = tmp.resolve("inc");
    Files.createDirectories(p.resolve("models"));
    Files.createDirectories(p.resolve("seeds"));
    Files.writeString(p.resolve("dbt_project.yml"), "name: inc\nprofile: inc\nmodels:\n  inc:\n    +materialized: view\n");
    Files.writeString(p.resolve("models/events_merged.sql"), """
        {{ config(materialized='incremental', unique_key='id') }}
        select id, amount, updated_at from {{ ref('events') }}
        {% if is_incremental() %}
        where updated_at > (select max(updated_at) from {{ this }})
        {% endif %}
        """);
    Files.writeString(p.resolve("models/events_appended.sql"), """
        {{ config(materialized='incremental') }}
        select id, amount, updated_at from {{ ref('clicks') }}
        {% if is_incremental() %}
        where id > (select coalesce(max(id), 0) from {{ this }})
        {% endif %}
        """);
    return p;
  }

  void seed(Path p, String events, String clicks) throws Exception {
    Files.writeString(p.resolve("seeds/events.csv"), "id,amount,updated_at\n" + events);
    Files.writeString(p.resolve("seeds/clicks.csv"), "id,amount,updated_at\n" + clicks);
  }

  List<String> build(Path p, DuckDbWarehouse w, boolean fullRefresh) throws Exception {
    DbtEngine engine = new DbtEngine(ProjectLoader.load(p), w,
        new ProjectCompiler.Options(Target.DUCKDB, "dev", "main", Map.of(), fullRefresh), p.resolve("target"));
    List<NodeResult> results = engine.execute(DbtEngine.Command.BUILD, null, null, r -> { });
    assertThat(results).allMatch(NodeResult::ok);
    return results.stream().map(NodeResult::message).toList();
  }

  List<String> rows(DuckDbWarehouse w, String table) throws Exception {
    return w.query("select * from main." + table + " order by id, updated_at").stream()
        .map(r -> String.join("|", r.values().stream().map(String::valueOf).toList())).toList();
  }

  @Test
  void twoIncrementalRunsEqualAFullRefresh() throws Exception {
    Path p = project();
    try (DuckDbWarehouse inc = DuckDbWarehouse.open(new DuckDbWarehouse.Settings(tmp.resolve("inc.duckdb"), "512MB", 1));
        DuckDbWarehouse full = DuckDbWarehouse.open(new DuckDbWarehouse.Settings(tmp.resolve("full.duckdb"), "512MB", 1))) {
      String first = "1,10,2026-01-01 00:00:00\n2,20,2026-01-02 00:00:00\n3,30,2026-01-03 00:00:00\n";
      String more = "4,40,2026-01-05 00:00:00\n5,50,2026-01-06 00:00:00\n";
      seed(p, first, first);
      assertThat(build(p, inc, false)).contains("created table main.events_merged");
      // more rows arrive, and row 2 of the events is updated (clicks only ever grow)
      seed(p, "1,10,2026-01-01 00:00:00\n2,25,2026-01-04 00:00:00\n3,30,2026-01-03 00:00:00\n" + more, first + more);
      assertThat(build(p, inc, false)).contains("merged on [id] into main.events_merged", "appended to main.events_appended");
      build(p, full, true);

      assertThat(rows(inc, "events_merged")).isEqualTo(rows(full, "events_merged")).containsExactly(
          "1|10|2026-01-01 00:00:00.0", "2|25|2026-01-04 00:00:00.0", "3|30|2026-01-03 00:00:00.0",
          "4|40|2026-01-05 00:00:00.0", "5|50|2026-01-06 00:00:00.0");
      assertThat(rows(inc, "events_appended")).isEqualTo(rows(full, "events_appended")).hasSize(5);
      // a third run with nothing new changes nothing
      build(p, inc, false);
      assertThat(rows(inc, "events_merged")).isEqualTo(rows(full, "events_merged"));
    }
  }
}
