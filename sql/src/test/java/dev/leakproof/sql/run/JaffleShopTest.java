package dev.leakproof.sql.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.project.ProjectLoader;
import dev.leakproof.sql.testutils.Projects;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dbt project in jaffle_shop's style (seeds, staging views, marts with {@code {% set %}} and
 * {@code {% for %}}, an ephemeral model, a package macro dispatched through
 * {@code adapter.dispatch}, the four standard tests, a custom generic test and a singular one)
 * built by the engine on DuckDB, its rows checked exactly.
 */
class JaffleShopTest {

  @TempDir Path tmp;
  Path project;
  DuckDbWarehouse warehouse;
  DbtEngine engine;

  @BeforeEach
  void open() throws Exception {
    project = Projects.copy("jaffle_shop", tmp);
    warehouse = DuckDbWarehouse.open(new DuckDbWarehouse.Settings(tmp.resolve("jaffle.duckdb"), "1GB", 1));
    engine = new DbtEngine(ProjectLoader.load(project), warehouse,
        ProjectCompiler.Options.of(Target.DUCKDB, "main", Map.of()), project.resolve("target"));
  }

  @AfterEach
  void close() throws Exception {
    warehouse.close();
  }

  static List<String> rows(List<Map<String, Object>> rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(String.join("|", r.values().stream().map(String::valueOf).toList())));
    return out;
  }

  @Test
  void buildsSeedsModelsAndTestsInOrder() throws Exception {
    List<NodeResult> results = engine.execute(DbtEngine.Command.BUILD, null, null, r -> { });
    assertThat(results).allMatch(NodeResult::ok, "every node passes");
    assertThat(results.stream().map(NodeResult::status)).contains("success", "pass");
    assertThat(results).extracting(NodeResult::name).startsWith("raw_customers", "raw_orders", "raw_payments");
    assertThat(results.stream().filter(r -> r.uniqueId().startsWith("test.")).count()).isEqualTo(17);

    assertThat(rows(warehouse.query("select * from main.orders order by order_id"))).containsExactly(
        "1|1|2018-01-01|returned|10.00|0.00|0.00|0.00|10.00",
        "2|3|2018-01-02|completed|20.00|0.00|0.00|0.00|20.00",
        "3|1|2018-01-04|completed|4.00|1.00|0.00|0.00|5.00",
        "4|2|2018-01-05|completed|0.00|0.00|25.00|0.00|25.00",
        "5|3|2018-01-05|shipped|0.00|0.00|0.00|17.00|17.00",
        "6|1|2018-01-07|placed|3.00|0.00|0.00|0.00|3.00");
    assertThat(rows(warehouse.query("select * from main.customers order by customer_id"))).containsExactly(
        "1|Michael|P.|2018-01-01|2018-01-07|3|18.00|6.0",
        "2|Shawn|M.|2018-01-05|2018-01-05|1|25.00|25.0",
        "3|Kathleen|P.|2018-01-02|2018-01-05|2|37.00|18.5",
        "4|Jimmy|C.|null|null|null|null|null");
    // the ephemeral model is not built, and no relation of that name exists
    assertThat(warehouse.columns("main", "int_customer_payments")).isEmpty();
    assertThat(warehouse.query("select data_type from information_schema.columns where table_name = 'raw_payments' "
        + "and column_name = 'amount'").get(0).get("data_type")).isEqualTo("BIGINT");
  }

  @Test
  void failingTestsAreCountedAndShownAndBlockWhatDependsOnTheirModel() throws Exception {
    java.nio.file.Files.writeString(project.resolve("seeds/raw_orders.csv"),
        "id,user_id,order_date,status\n1,1,2018-01-01,returned\n2,3,2018-01-02,lost\n2,3,2018-01-03,lost\n",
        java.nio.charset.StandardCharsets.UTF_8);
    engine = new DbtEngine(ProjectLoader.load(project), warehouse,
        ProjectCompiler.Options.of(Target.DUCKDB, "main", Map.of()), project.resolve("target"));
    List<NodeResult> results = engine.execute(DbtEngine.Command.BUILD, null, null, r -> { });
    NodeResult unique = results.stream().filter(r -> r.name().equals("unique_stg_orders_order_id")).findFirst()
        .orElseThrow();
    assertThat(unique.status()).isEqualTo("fail");
    assertThat(unique.failures()).isEqualTo(1);
    assertThat(unique.sample()).hasSize(1);
    assertThat(unique.sample().get(0)).containsEntry("unique_field", 2).containsEntry("n_records", 2L);
    NodeResult values = results.stream().filter(r -> r.name().startsWith("accepted_values_stg_orders_"))
        .findFirst().orElseThrow();
    assertThat(values.failures()).isEqualTo(1);
    assertThat(results.stream().filter(r -> r.name().equals("orders")).findFirst().orElseThrow().status())
        .isEqualTo("skipped");
  }

  @Test
  void selectionFollowsTheGraph() throws Exception {
    CompiledProject compiled = engine.compile();
    NodeSelector selector = new NodeSelector(compiled);
    assertThat(names(compiled, selector.select("+customers", null))).contains("stg_customers", "stg_orders",
        "stg_payments", "int_customer_payments", "customers", "raw_customers", "unique_customers_customer_id")
        .doesNotContain("orders");
    assertThat(names(compiled, selector.select("stg_orders+", "tag:staging"))).contains("orders", "customers")
        .doesNotContain("stg_orders");
    assertThat(names(compiled, selector.select("path:models/staging,resource_type:model", null, NodeSelector.Indirect.NONE)))
        .containsExactlyInAnyOrder("stg_customers", "stg_orders", "stg_payments");
    assertThat(names(compiled, selector.select("config.materialized:ephemeral", null)))
        .containsExactly("int_customer_payments");
  }

  @Test
  void writesManifestAndRunResultsInDbtsShape() throws Exception {
    engine.execute(DbtEngine.Command.BUILD, "+orders", null, r -> { });
    ObjectMapper json = new ObjectMapper();
    JsonNode manifest = json.readTree(project.resolve("target/manifest.json").toFile());
    JsonNode orders = manifest.at("/nodes/model.jaffle_shop.orders");
    assertThat(orders.get("resource_type").asText()).isEqualTo("model");
    assertThat(orders.at("/depends_on/nodes")).extracting(JsonNode::asText)
        .containsExactly("model.jaffle_shop.stg_orders", "model.jaffle_shop.stg_payments");
    assertThat(orders.at("/config/materialized").asText()).isEqualTo("table");
    assertThat(orders.get("compiled_code").asText()).contains("\"main\".\"stg_orders\"");
    assertThat(manifest.at("/child_map/model.jaffle_shop.stg_orders")).extracting(JsonNode::asText)
        .contains("model.jaffle_shop.orders");
    JsonNode runResults = json.readTree(project.resolve("target/run_results.json").toFile());
    assertThat(runResults.get("results")).extracting(r -> r.get("unique_id").asText() + " " + r.get("status").asText())
        .contains("model.jaffle_shop.orders success");
    assertThat(runResults.at("/results/0/timing/0/name").asText()).isEqualTo("execute");
    assertThat(project.resolve("target/compiled/jaffle_shop/models/marts/orders.sql")).exists();
  }

  @Test
  void showPrintsAModelsQuery() throws Exception {
    engine.execute(DbtEngine.Command.SEED, null, null, r -> { });
    assertThat(rows(engine.show("stg_payments", 2))).containsExactly("1|1|credit_card|10.00", "2|2|credit_card|20.00");
  }

  static List<String> names(CompiledProject p, java.util.Set<String> ids) {
    return p.nodes().stream().filter(n -> ids.contains(n.uniqueId())).map(CompiledNode::name).toList();
  }
}
