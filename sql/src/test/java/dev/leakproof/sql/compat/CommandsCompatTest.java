package dev.leakproof.sql.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.project.ProjectLoader;
import dev.leakproof.sql.run.CompiledProject;
import dev.leakproof.sql.run.DbtEngine;
import dev.leakproof.sql.run.NodeResult;
import dev.leakproof.sql.run.ProjectCompiler;
import dev.leakproof.sql.testutils.Projects;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt's node selection and commands on a jaffle_shop-style project: {@code test_type:},
 * {@code resource_type:}, {@code source:}, {@code +model+}, {@code @model}, intersection and
 * exclusion, {@code state:modified} against an earlier manifest, {@code ls} with no warehouse,
 * {@code --fail-fast}, {@code retry} and {@code docs generate}.
 */
class CommandsCompatTest {

  @TempDir Path tmp;
  Path project;
  DuckDbWarehouse warehouse;

  @BeforeEach
  void open() throws Exception {
    project = Projects.copy("jaffle_shop", tmp);
    Files.writeString(project.resolve("models/staging/sources.yml"), "version: 2\nsources:\n  - name: legacy\n"
        + "    tables:\n      - name: old_orders\n");
    Files.writeString(project.resolve("models/staging/stg_old_orders.sql"),
        "{{ config(enabled=false) }}\nselect * from {{ source('legacy', 'old_orders') }}");
    warehouse = DuckDbWarehouse.open(new DuckDbWarehouse.Settings(tmp.resolve("j.duckdb"), "1GB", 1));
  }

  @AfterEach
  void close() throws Exception {
    warehouse.close();
  }

  DbtEngine engine(DuckDbWarehouse w) throws Exception {
    return new DbtEngine(ProjectLoader.load(project), w, ProjectCompiler.Options.of(Target.DUCKDB, "main", Map.of()),
        project.resolve("target"));
  }

  /** What the selection names, without the tests indirect selection adds. */
  Set<String> select(CompiledProject p, String select, String exclude) throws Exception {
    return new TreeSet<>(DbtEngine.selector(p, null).select(select, exclude,
        dev.leakproof.sql.run.NodeSelector.Indirect.NONE));
  }

  @Test
  void selectorsPickWhatDbtPicks() throws Exception {
    CompiledProject p = engine(null).parse();
    assertThat(select(p, "test_type:singular", null)).containsExactly(
        "test.jaffle_shop.assert_total_payment_amount_is_positive");
    assertThat(select(p, "test_type:generic", null)).isNotEmpty().allMatch(id -> id.startsWith("test.jaffle_shop."))
        .doesNotContain("test.jaffle_shop.assert_total_payment_amount_is_positive");
    assertThat(select(p, "resource_type:seed", null)).containsExactly("seed.jaffle_shop.raw_customers",
        "seed.jaffle_shop.raw_orders", "seed.jaffle_shop.raw_payments");
    Set<String> models = select(p, "resource_type:model,path:models/staging", null);
    assertThat(models).containsExactly("model.jaffle_shop.stg_customers", "model.jaffle_shop.stg_orders",
        "model.jaffle_shop.stg_payments");
    assertThat(select(p, "resource_type:model", "stg_orders")).doesNotContain("model.jaffle_shop.stg_orders")
        .contains("model.jaffle_shop.orders");
    Set<String> around = select(p, "+stg_orders+", null);
    assertThat(around).contains("seed.jaffle_shop.raw_orders", "model.jaffle_shop.stg_orders",
        "model.jaffle_shop.orders", "model.jaffle_shop.customers").doesNotContain("seed.jaffle_shop.raw_customers");
    Set<String> at = select(p, "@stg_orders", null);
    assertThat(at).as("@ adds the ancestors of the descendants").contains("seed.jaffle_shop.raw_customers",
        "model.jaffle_shop.stg_payments");
    assertThat(select(p, "tag:staging,resource_type:model", null)).isEqualTo(models);
    assertThat(DbtEngine.selector(p, null).select("stg_orders", null)).as("eager indirect selection")
        .contains("test.jaffle_shop.not_null_stg_orders_order_id.45e62aca17");
  }

  @Test
  void lsNeedsNoWarehouseAndStateModifiedFindsTheChangedModel() throws Exception {
    CompiledProject first = engine(null).parse();
    assertThat(first.nodes()).isNotEmpty();
    Path state = tmp.resolve("state");
    Files.createDirectories(state);
    Files.copy(project.resolve("target/manifest.json"), state.resolve("manifest.json"),
        StandardCopyOption.REPLACE_EXISTING);
    Path orders = project.resolve("models/marts/orders.sql");
    Files.writeString(orders, Files.readString(orders) + "\n-- changed\n");
    CompiledProject second = engine(null).parse();
    Set<String> modified = new TreeSet<>(DbtEngine.selector(second, state).select("state:modified", null,
        dev.leakproof.sql.run.NodeSelector.Indirect.NONE));
    assertThat(modified).containsExactly("model.jaffle_shop.orders");
    assertThat(DbtEngine.selector(second, state).select("state:modified+", null)).contains("model.jaffle_shop.orders")
        .anyMatch(id -> id.startsWith("test.jaffle_shop.") && id.contains("orders"));
  }

  @Test
  void failFastSkipsTheRestAndRetryRunsOnlyWhatFailedOrWasSkipped() throws Exception {
    Path stg = project.resolve("models/staging/stg_payments.sql");
    String good = Files.readString(stg);
    Files.writeString(stg, "{{ config(materialized='table') }}\n"
        + "select cast('not a number' as integer) as payment_id, * from {{ ref('raw_payments') }}");
    List<NodeResult> first = engine(warehouse).execute(DbtEngine.Command.BUILD,
        new DbtEngine.RunOptions(null, null, true, null), r -> { });
    NodeResult failed = first.stream().filter(r -> r.status().equals("error")).findFirst().orElseThrow();
    assertThat(failed.name()).isEqualTo("stg_payments");
    assertThat(failed.message()).contains("not a number");
    int at = first.indexOf(failed);
    assertThat(first.subList(at + 1, first.size())).isNotEmpty().allMatch(r -> r.status().equals("skipped"));
    Set<String> again = new TreeSet<>();
    first.subList(at, first.size()).forEach(r -> again.add(r.uniqueId()));

    Files.writeString(stg, good);
    List<NodeResult> retried = engine(warehouse).retry(r -> { });
    assertThat(new TreeSet<>(retried.stream().map(NodeResult::uniqueId).toList())).isEqualTo(again);
    assertThat(retried).allMatch(NodeResult::ok);
  }

  @Test
  void docsGenerateWritesACatalogOfWhatWasBuilt() throws Exception {
    DbtEngine engine = engine(warehouse);
    engine.execute(DbtEngine.Command.BUILD, null, null, r -> { });
    Path catalog = engine.docsGenerate();
    JsonNode root = new ObjectMapper().readTree(catalog.toFile());
    JsonNode customers = root.path("nodes").path("model.jaffle_shop.customers");
    assertThat(customers.path("metadata").path("type").asText()).isEqualTo("BASE TABLE");
    assertThat(customers.path("columns").path("customer_id").path("index").asInt()).isEqualTo(1);
    assertThat(root.path("nodes").path("model.jaffle_shop.stg_orders").path("metadata").path("type").asText())
        .isEqualTo("VIEW");
    JsonNode manifest = new ObjectMapper().readTree(project.resolve("target/manifest.json").toFile());
    for (String key : List.of("metadata", "nodes", "sources", "macros", "docs", "exposures", "metrics", "groups",
        "selectors", "disabled", "parent_map", "child_map", "semantic_models", "unit_tests", "saved_queries")) {
      assertThat(manifest.has(key)).as("manifest has " + key).isTrue();
    }
  }
}
