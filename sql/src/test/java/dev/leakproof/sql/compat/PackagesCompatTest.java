package dev.leakproof.sql.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.run.CompiledNode;
import dev.leakproof.sql.run.CompiledProject;
import dev.leakproof.sql.run.NodeResult;
import dev.leakproof.sql.run.ProjectCompiler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project with a package in dbt_packages/ written in dbt_utils' style: dispatched macros with
 * the root project first in {@code dispatch:}'s search order, generic tests called as
 * {@code lp_utils.<test>} (one with {@code **kwargs}, one with {@code config: severity: warn}),
 * a {@code {% materialization %}} for another adapter (parsed, ignored), a macro default that is
 * SQL text, and the package's own model with its vars (the root's scoped ones win) in the
 * root's {@code +schema} for it. As in dbt, {@code var()} inside a package macro resolves for the
 * node being rendered: the package's scoped vars apply to the package's own models only.
 */
class PackagesCompatTest {

  @TempDir Path tmp;
  CompatProject p;

  @BeforeEach
  void open() throws Exception {
    p = CompatProject.copy("packages", tmp);
  }

  @AfterEach
  void close() throws Exception {
    p.close();
  }

  @Test
  void packageMacrosDispatchAndModelsGiveTheIndependentNumbers() throws Exception {
    Map<String, NodeResult> results = p.build(Map.of());
    assertThat(results.get("order_summary").status()).isEqualTo("success");
    assertThat(p.rows("select avg_amount, total, n_orders, currency, typeof(total) from main.order_summary"))
        .isEqualTo(p.oracle("select sum(amount) / count(*), cast(round(sum(amount), 2) as decimal(18,2)), count(*), "
            + "'GBP', 'DECIMAL(18,2)' from {seed:seeds/orders.csv}"));
    assertThat(p.rows("select customer_id, n from main.top_customers"))
        .isEqualTo(p.oracle("select customer_id, count(*) as n from {seed:seeds/orders.csv} group by customer_id "
            + "order by n desc, customer_id limit 2"));
    assertThat(p.rows("select day_offset, currency from main_utils.lp_days order by 1"))
        .containsExactly("0|EUR", "1|EUR", "2|EUR");
    assertThat(p.rows("select table_type from information_schema.tables where table_schema = 'main_utils' "
        + "and table_name = 'lp_days'")).containsExactly("VIEW");
  }

  @Test
  void packageGenericTestsCountWhatAnIndependentQueryCounts() throws Exception {
    Map<String, NodeResult> results = p.build(Map.of());
    NodeResult expression = only(results, "lp_utils_expression_is_true_or");
    assertThat(expression.status()).isEqualTo("pass");

    NodeResult atLeastZero = only(results, "lp_utils_accepted_range_orders_amount");
    assertThat(atLeastZero.status()).isEqualTo("fail");
    assertThat(String.valueOf(atLeastZero.failures()))
        .isEqualTo(p.oracle("select count(*) from {seed:seeds/orders.csv} where not amount >= 0").get(0));

    NodeResult below1000 = results.get("amount_below_1000");
    assertThat(below1000.status()).as("severity: warn").isEqualTo("warn");
    assertThat(String.valueOf(below1000.failures()))
        .isEqualTo(p.oracle("select count(*) from {seed:seeds/orders.csv} where not amount <= 1000").get(0));

    double proportion = Double.parseDouble(p.oracle("select count(status) / count(*) from {seed:seeds/orders.csv}")
        .get(0));
    assertThat(only(results, "lp_utils_not_null_proportion_orders").status())
        .isEqualTo(proportion >= 0.8 ? "pass" : "fail");
    assertThat(results.get("status_mostly_set").status()).isEqualTo(proportion >= 0.9 ? "pass" : "fail");

    NodeResult combination = only(results, "lp_utils_unique_combination_of_columns_orders");
    assertThat(combination.status()).isEqualTo("fail");
    assertThat(String.valueOf(combination.failures())).isEqualTo(p.oracle("select count(*) from (select id, "
        + "customer_id from {seed:seeds/orders.csv} group by all having count(*) > 1)").get(0));
    assertThat(results.get("id_and_amount_unique").status()).isEqualTo("pass");
  }

  @Test
  void everyModelAndTestCompilesForSnowflakeWithoutAConnection() throws Exception {
    CompiledProject compiled = new ProjectCompiler(p.load(), null,
        new ProjectCompiler.Options(Target.SNOWFLAKE, "prod", "analytics", Map.of(), false)).compile();
    CompiledNode summary = compiled.node("model.compat_packages.order_summary");
    assertThat(summary.sql()).contains("CAST(SUM(\"ORDERS\".\"AMOUNT\") AS DECIMAL(18, 2)) AS \"TOTAL\"");
    assertThat(compiled.node("model.lp_utils.lp_days").relation()).isEqualTo("analytics_utils.lp_days");
    assertThat(compiled.nodes().stream().filter(n -> n.sql() == null).map(CompiledNode::uniqueId).toList()).isEmpty();
  }

  private static NodeResult only(Map<String, NodeResult> results, String prefix) {
    List<NodeResult> matching = results.values().stream().filter(r -> r.name().startsWith(prefix)).toList();
    assertThat(matching).as("results named " + prefix + "* in " + results.keySet()).hasSize(1);
    return matching.get(0);
  }
}
