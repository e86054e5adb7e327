package dev.leakproof.sql.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.sql.run.DbtEngine;
import dev.leakproof.sql.run.NodeResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt 1.8 unit tests ({@code unit_tests:} in yml): inputs given as dict, csv and sql rows, typed
 * as the real inputs are; expected rows compared with the model's output as a multiset on the
 * columns they name; {@code overrides: vars}; a wrong expectation fails with the differing rows.
 * They run under {@code test} and, in {@code build}, before their model (a failing one skips it).
 */
class UnitTestsCompatTest {

  @TempDir Path tmp;
  CompatProject p;

  @BeforeEach
  void open() throws Exception {
    p = CompatProject.copy("unit_tests", tmp);
  }

  @AfterEach
  void close() throws Exception {
    p.close();
  }

  @Test
  void unitTestsPassOrShowTheRowsThatDiffer() throws Exception {
    Map<String, NodeResult> results = p.build(Map.of());
    assertThat(results.get("totals_sum_each_customer").status()).as(results.get("totals_sum_each_customer")
        .message()).isEqualTo("pass");
    assertThat(results.get("region_comes_from_the_override").status()).isEqualTo("pass");
    NodeResult wrong = results.get("deliberately_wrong");
    assertThat(wrong.status()).isEqualTo("fail");
    assertThat(wrong.failures()).as("the expected row is missing and the actual one unexpected").isEqualTo(2);
    assertThat(wrong.sample()).extracting(r -> r.get("total") + "/" + r.get("expected_rows") + "/" + r.get("actual_rows"))
        .containsExactlyInAnyOrder("99.00/1/0", "3.25/0/1");
  }

  @Test
  void inBuildAFailingUnitTestRunsFirstAndSkipsItsModel() throws Exception {
    DbtEngine engine = p.engine(Map.of());
    List<NodeResult> results = engine.execute(DbtEngine.Command.BUILD, null, null, r -> { });
    Map<String, Integer> position = new LinkedHashMap<>();
    for (int i = 0; i < results.size(); i++) {
      position.put(results.get(i).name(), i);
    }
    assertThat(position.get("totals_sum_each_customer")).isLessThan(position.get("customer_totals"));
    assertThat(results.get(position.get("customer_totals")).status()).isEqualTo("skipped");
    List<NodeResult> again = engine.execute(DbtEngine.Command.BUILD, null, "deliberately_wrong", r -> { });
    assertThat(again.stream().filter(r -> r.name().equals("customer_totals")).findFirst().orElseThrow().status())
        .isEqualTo("success");
    assertThat(p.rows("select customer_id, total, orders from main.customer_totals order by 1"))
        .isEqualTo(p.oracle("select c.customer_id, coalesce(sum(o.amount), 0), count(o.order_id) from "
            + "{seed:seeds/customers.csv} c left join {seed:seeds/orders.csv} o using (customer_id) "
            + "where c.region = 'eu' group by 1 order by 1"));
  }
}
