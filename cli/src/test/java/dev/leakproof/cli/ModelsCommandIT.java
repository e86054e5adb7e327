package dev.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.cli.CliTestSupport.Out;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leakproof models} on a dbt project of its own and on Leakproof's bundled project. */
class ModelsCommandIT {

  @TempDir Path tmp;

  Out run(String... args) {
    return CliTestSupport.capture(args);
  }

  Path jaffleShop() throws Exception {
    Path from = Path.of("../sql/src/test/resources/projects/jaffle_shop").toAbsolutePath().normalize();
    Path to = tmp.resolve("jaffle_shop");
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return to;
  }

  @Test
  void buildsShowsAndListsADbtProject() throws Exception {
    String project = jaffleShop().toString();
    Out build = run("models", "build", "--project", project);
    assertThat(build.code()).as(build.stderr() + build.stdout()).isZero();
    assertThat(build.stdout()).contains("OK    orders (created table main.orders)", "PASS  is_positive_orders_amount",
        "PASS=26 FAIL=0 ERROR=0 SKIP=0 TOTAL=26");

    Out csv = run("models", "show", "--project", project, "--select", "customers", "--limit", "2", "--output", "csv");
    assertThat(csv.stdout().lines()).containsExactly(
        "customer_id,first_name,last_name,first_order,most_recent_order,number_of_orders,customer_lifetime_value,"
            + "average_order_value",
        "1,Michael,P.,2018-01-01,2018-01-07,3,18.00,6.0",
        "2,Shawn,M.,2018-01-05,2018-01-05,1,25.00,25.0");
    Out json = run("models", "show", "--project", project, "-s", "stg_payments", "--limit", "1", "--output", "json");
    assertThat(json.stdout()).contains("\"payment_method\" : \"credit_card\"", "\"amount\" : 10.00");

    Out ls = run("models", "ls", "--project", project, "--select", "+customers", "--resource-type", "model");
    assertThat(ls.stdout().lines()).containsExactly("model.jaffle_shop.stg_customers", "model.jaffle_shop.stg_orders",
        "model.jaffle_shop.stg_payments", "model.jaffle_shop.int_customer_payments", "model.jaffle_shop.customers");

    Out test = run("models", "test", "--project", project, "--select", "orders", "--vars", "{unused: 1}");
    assertThat(test.code()).isZero();
    assertThat(test.stdout()).contains("PASS=7 FAIL=0");
  }

  @Test
  void compilesLeakproofsOwnProjectToSnowflakeWithoutAConnection() throws Exception {
    Path work = tmp.resolve("work");
    Out out = run("models", "compile", "--project", bundled(work).toString(), "--target", "prod", "--vars",
        "{as_of: 2026-06-15}");
    assertThat(out.code()).as(out.stderr()).isZero();
    assertThat(out.stdout()).contains("Compiled 39 models and 74 tests of leakproof for prod (snowflake)");
    Path compiled = bundled(work).resolve("target/compiled/leakproof/models/marts/leak_findings.sql");
    assertThat(Files.readString(compiled)).contains("\"ANALYTICS\".\"INT_LEAK_MONTHS\"")
        .contains("LISTAGG(").doesNotContain("STRING_AGG");
  }

  @Test
  void depsExplainsWherePackagesGo() {
    Out deps = run("models", "deps");
    assertThat(deps.code()).isEqualTo(2);
    assertThat(deps.stderr().strip()).startsWith("leakproof: deps cannot download packages").doesNotContain("\n");
  }

  Path bundled(Path work) throws Exception {
    return dev.leakproof.sql.project.BundledProject.extract(work.resolve("sql-project"));
  }
}
