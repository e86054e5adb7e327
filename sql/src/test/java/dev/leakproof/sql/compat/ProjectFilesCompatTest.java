package dev.leakproof.sql.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakproof.sql.run.CompiledProject;
import dev.leakproof.sql.run.DbtEngine;
import dev.leakproof.sql.run.NodeResult;
import dev.leakproof.sql.run.SourceFreshness;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt_project.yml and properties files as real projects write them: the pre-1.0 names
 * {@code data-paths} and {@code source-paths}, seeds and their schema.yml in a subfolder,
 * {@code +column_types}, {@code +enabled} driven by {@code var()}, the project's own
 * {@code generate_schema_name} and {@code generate_alias_name}, {@code +schema}, {@code +alias},
 * {@code +tags}, {@code +docs}, {@code +meta}, {@code +grants} (kept in the manifest),
 * {@code on-run-start} / {@code on-run-end}, post-hooks, project and command-line vars, sources
 * with freshness, and semantic models and metrics (parsed, listed, warned about).
 */
class ProjectFilesCompatTest {

  @TempDir Path tmp;
  CompatProject p;

  @BeforeEach
  void open() throws Exception {
    p = CompatProject.copy("project_files", tmp);
  }

  @AfterEach
  void close() throws Exception {
    p.close();
  }

  @Test
  void seedsVarsNamingAndHooksWorkAsInDbt() throws Exception {
    Map<String, NodeResult> results = p.build(Map.of());
    results.values().forEach(r -> assertThat(r.status()).as(r.name() + ": " + r.message()).isIn("success", "pass"));
    assertThat(p.rows("select typeof(amount) from main.payments limit 1")).containsExactly("DECIMAL(10,2)");
    assertThat(p.rows("select count(*) from main.stg_payments"))
        .isEqualTo(p.oracle("select count(*) from {seed:data/finance/payments.csv} where amount >= 10"));
    assertThat(p.rows("select method, revenue, payments from marts.revenue_by_method order by method"))
        .isEqualTo(p.oracle("select method, cast(sum(amount) as decimal(38,2)), count(*) from "
            + "{seed:data/finance/payments.csv} where amount >= 10 group by method order by method"));
    assertThat(p.rows("select count(*) from marts.fct_daily"))
        .isEqualTo(p.oracle("select count(distinct paid_on) from {seed:data/finance/payments.csv} where amount >= 10"));
    assertThat(p.rows("select count(*) from information_schema.tables where table_name = 'extra_model'"))
        .containsExactly("0");
    assertThat(p.rows("select event, nodes from main.run_audit where event <> 'start' or nodes = 0 "
        + "order by rowid")).first().isEqualTo("start|0");
    assertThat(p.rows("select event from main.run_audit")).contains("built stg_payments");
    long ran = p.rows("select nodes from main.run_audit where event = 'end'").stream().mapToLong(Long::parseLong)
        .sum();
    assertThat(ran).as("on-run-end sees each command's results")
        .isEqualTo(results.size());
  }

  @Test
  void commandLineVarsWinAndEnableWhatTheyGate() throws Exception {
    p.build(Map.of("min_amount", 50, "enable_extra", true));
    assertThat(p.rows("select count(*) from main.stg_payments"))
        .isEqualTo(p.oracle("select count(*) from {seed:data/finance/payments.csv} where amount >= 50"));
    assertThat(p.rows("select n from main.extra_model"))
        .isEqualTo(p.oracle("select count(*) from {seed:data/finance/payments.csv} where amount >= 50"));
  }

  @Test
  void configsSemanticModelsAndMetricsReachTheManifest() throws Exception {
    CompiledProject compiled = p.engine(Map.of()).compile();
    JsonNode manifest = new ObjectMapper().readTree(p.dir.resolve("target/manifest.json").toFile());
    JsonNode revenue = manifest.path("nodes").path("model.compat_files.revenue");
    assertThat(revenue.path("schema").asText()).isEqualTo("marts");
    assertThat(revenue.path("alias").asText()).isEqualTo("revenue_by_method");
    assertThat(revenue.path("config").path("tags").toString()).isEqualTo("[\"nightly\",\"finance\"]");
    assertThat(revenue.path("config").path("meta").path("owner").asText()).isEqualTo("finance");
    assertThat(revenue.path("config").path("docs").path("node_color").asText()).isEqualTo("green");
    assertThat(revenue.path("config").path("grants").path("select").toString()).isEqualTo("[\"reporter\"]");
    assertThat(revenue.path("columns").path("revenue").path("data_type").asText()).isEqualTo("decimal(38,2)");
    assertThat(manifest.path("nodes").path("seed.compat_files.payments").path("description").asText())
        .isEqualTo("Payments as finance exports them");
    assertThat(manifest.path("semantic_models").has("semantic_model.compat_files.payments_semantic")).isTrue();
    assertThat(manifest.path("metrics").has("metric.compat_files.total_revenue")).isTrue();
    assertThat(manifest.path("nodes").has("model.compat_files.extra_model")).as("disabled").isFalse();
    assertThat(compiled.warnings()).anyMatch(w -> w.contains("semantic model payments_semantic"))
        .anyMatch(w -> w.contains("metric total_revenue"));
  }

  @Test
  void sourceFreshnessComparesLoadedAtWithItsThresholds() throws Exception {
    p.warehouse.execute("create schema ext");
    p.warehouse.execute("create table ext.rates as select 'EUR' as currency, 1.1::decimal(10,4) as rate, "
        + "(now() - interval 2 day)::timestamp as loaded_at");
    p.warehouse.execute("create table ext.rates_archive as select 'EUR' as currency, "
        + "(now() - interval 3 day)::timestamp as loaded_at");
    DbtEngine engine = p.engine(Map.of());
    List<SourceFreshness.Result> results = engine.sourceFreshness(null);
    assertThat(results).extracting(SourceFreshness.Result::uniqueId, SourceFreshness.Result::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("source.compat_files.ext.rates", "warn"),
            org.assertj.core.groups.Tuple.tuple("source.compat_files.ext.stale_rates", "error"));
    assertThat(results.get(0).ageSeconds()).isBetween(2 * 86400.0 - 60, 2 * 86400.0 + 3600);
    JsonNode sources = new ObjectMapper().readTree(p.dir.resolve("target/sources.json").toFile());
    assertThat(sources.path("results").get(1).path("status").asText()).isEqualTo("error");
  }

  @Test
  void whatIsNotSupportedIsAWarningNamingIt() throws Exception {
    java.nio.file.Files.writeString(p.dir.resolve("transform/marts/forecast.py"),
        "def model(dbt, session):\n    return dbt.ref('daily')\n");
    java.nio.file.Files.writeString(p.dir.resolve("transform/marts/versions.yml"), "version: 2\nmodels:\n"
        + "  - name: daily\n    latest_version: 2\n    versions:\n      - v: 1\n      - v: 2\n");
    List<String> warnings = p.load().warnings();
    assertThat(warnings).anyMatch(w -> w.contains("transform/marts/forecast.py") && w.contains("Python models"))
        .anyMatch(w -> w.contains("versions") && w.contains("daily"));
  }
}
