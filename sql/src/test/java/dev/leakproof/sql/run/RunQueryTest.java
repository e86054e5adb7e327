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
 * A model that needs a value at compile time: {@code run_query} and a {@code statement} block
 * read the warehouse while the template renders ({@code execute} is true then), and a pivot is
 * built from what they return. Whitespace control and comments render as in Jinja.
 */
class RunQueryTest {

  @TempDir Path tmp;

  @Test
  void pivotsOnValuesReadAtCompileTime() throws Exception {
    Path p = tmp.resolve("pivot");
    Files.createDirectories(p.resolve("models"));
    Files.createDirectories(p.resolve("seeds"));
    Files.writeString(p.resolve("dbt_project.yml"), "name: pivot\nprofile: pivot\n");
    Files.writeString(p.resolve("seeds/sales.csv"), "region,amount\nnorth,10\nsouth,5\nnorth,7\n");
    Files.writeString(p.resolve("models/sales_by_region.sql"), """
        {#- the regions are read from the warehouse while compiling -#}
        {%- set regions_query -%}
          select distinct region from {{ ref('sales') }} order by region
        {%- endset -%}
        {%- if execute -%}
          {%- set regions = run_query(regions_query).columns[0].values() -%}
        {%- else -%}
          {%- set regions = [] -%}
        {%- endif -%}
        {%- call statement('total', fetch_result=True) -%}
          select sum(amount) as total from {{ ref('sales') }}
        {%- endcall -%}
        select
          {%- for region in regions %}
          sum(case when region = '{{ region }}' then amount else 0 end) as {{ region }}_amount,
          {%- endfor %}
          {{ load_result('total')['data'][0][0] }} as grand_total
        from {{ ref('sales') }}
        """);
    try (DuckDbWarehouse w = DuckDbWarehouse.open(new DuckDbWarehouse.Settings(tmp.resolve("p.duckdb"), "512MB", 1))) {
      ProjectCompiler.Options options = ProjectCompiler.Options.of(Target.DUCKDB, "main", Map.of());
      new DbtEngine(ProjectLoader.load(p), w, options, p.resolve("target")).execute(DbtEngine.Command.SEED, null, null,
          r -> { });
      DbtEngine engine = new DbtEngine(ProjectLoader.load(p), w, options, p.resolve("target"));
      List<NodeResult> results = engine.execute(DbtEngine.Command.RUN, null, null, r -> { });
      assertThat(results).allMatch(NodeResult::ok);
      assertThat(engine.compile().node("model.pivot.sales_by_region").renderedSql())
          .contains("as north_amount", "as south_amount", "22 as grand_total").doesNotContain("{#");
      Map<String, Object> row = w.query("select * from main.sales_by_region").get(0);
      assertThat(String.valueOf(row.get("north_amount"))).isEqualTo("17");
      assertThat(String.valueOf(row.get("south_amount"))).isEqualTo("5");
      assertThat(String.valueOf(row.get("grand_total"))).isEqualTo("22");
    }
  }

  @Test
  void aModelThatQueriesWhatTheRunBuildsIsCompiledRightBeforeItRuns() throws Exception {
    Path p = tmp.resolve("deferred");
    Files.createDirectories(p.resolve("models"));
    Files.createDirectories(p.resolve("seeds"));
    Files.writeString(p.resolve("dbt_project.yml"), "name: deferred\nprofile: deferred\n");
    Files.writeString(p.resolve("seeds/sales.csv"), "region,amount\nnorth,10\nsouth,5\n");
    Files.writeString(p.resolve("models/regions.sql"), "select distinct region from {{ ref('sales') }}");
    Files.writeString(p.resolve("models/region_count.sql"), """
        {%- set n = run_query('select count(*) from ' ~ ref('regions')).rows[0][0] if execute else 0 -%}
        select {{ n }} as regions
        -- depends_on: {{ ref('regions') }} (as in dbt: the ref inside run_query is not seen at parse time)
        """);
    try (DuckDbWarehouse w = DuckDbWarehouse.open(new DuckDbWarehouse.Settings(tmp.resolve("d.duckdb"), "512MB", 1))) {
      DbtEngine engine = new DbtEngine(ProjectLoader.load(p), w,
          ProjectCompiler.Options.of(Target.DUCKDB, "main", Map.of()), p.resolve("target"));
      assertThat(engine.compile().node("model.deferred.region_count").deferred()).isTrue();
      List<NodeResult> results = engine.execute(DbtEngine.Command.BUILD, null, null, r -> { });
      assertThat(results).allMatch(NodeResult::ok);
      assertThat(String.valueOf(w.query("select regions from main.region_count").get(0).get("regions"))).isEqualTo("2");
    }
  }
}
