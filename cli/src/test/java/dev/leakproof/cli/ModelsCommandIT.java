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
        "PASS=26 WARN=0 FAIL=0 ERROR=0 SKIP=0 TOTAL=26");

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
    assertThat(test.stdout()).contains("PASS=7 WARN=0 FAIL=0");
  }

  @Test
  void retryDocsAndFreshnessFromTheCommandLine() throws Exception {
    Path dir = jaffleShop();
    String project = dir.toString();
    Path stg = dir.resolve("models/staging/stg_orders.sql");
    String good = Files.readString(stg);
    Files.writeString(stg, "{{ config(materialized='table') }}\nselect * from (\n" + good
        + "\n) as t where cast(t.status || 'x' as integer) > 0");
    Out broken = run("models", "build", "--project", project, "--fail-fast", "--threads", "2");
    assertThat(broken.code()).isEqualTo(1);
    assertThat(broken.stdout()).contains("ERROR", "SKIP");
    Files.writeString(stg, good);
    Out retry = run("models", "retry", "--project", project);
    assertThat(retry.code()).as(retry.stderr() + retry.stdout()).isZero();
    assertThat(retry.stdout()).contains("OK    stg_orders").doesNotContain("raw_customers");
    Out again = run("models", "retry", "--project", project);
    assertThat(again.stdout()).contains("Nothing to retry");

    Out docs = run("models", "docs", "generate", "--project", project);
    assertThat(docs.code()).as(docs.stderr()).isZero();
    assertThat(dir.resolve("target/catalog.json")).exists();

    Files.writeString(dir.resolve("models/staging/fresh.yml"), "version: 2\nsources:\n  - name: shop\n"
        + "    schema: main\n    loaded_at_field: order_date\n    freshness:\n      error_after: {count: 1, period: day}\n"
        + "    tables:\n      - name: raw_orders\n");
    Out fresh = run("models", "source", "freshness", "--project", project);
    assertThat(fresh.code()).as("2018's orders are stale").isEqualTo(1);
    assertThat(fresh.stdout()).contains("ERROR STALE freshness of source.jaffle_shop.shop.raw_orders");
    assertThat(dir.resolve("target/sources.json")).exists();
  }

  @Test
  void compilesLeakproofsOwnProjectToSnowflakeWithoutAConnection() throws Exception {
    Path work = tmp.resolve("work");
    Out out = run("models", "compile", "--project", bundled(work).toString(), "--target", "prod", "--vars",
        "{as_of: 2026-06-15}");
    assertThat(out.code()).as(out.stderr()).isZero();
    assertThat(out.stdout()).contains("Compiled 52 models and 179 tests of leakproof for prod (snowflake)");
    Path compiled = bundled(work).resolve("target/compiled/leakproof/models/marts/leak_findings.sql");
    assertThat(Files.readString(compiled)).contains("\"ANALYTICS\".\"INT_LEAK_MONTHS\"")
        .contains("LISTAGG(").doesNotContain("STRING_AGG");
  }

  @Test
  void depsInstallsLocalAndGitPackagesAndWritesTheLock() throws Exception {
    Path project = jaffleShop();
    Path local = tmp.resolve("pkgs/local_helpers");
    Files.createDirectories(local.resolve("macros"));
    Files.writeString(local.resolve("dbt_project.yml"), "name: local_helpers\nversion: '1.0'\nconfig-version: 2\n");
    Files.writeString(local.resolve("macros/m.sql"), "{% macro twice(x) %}({{ x }} * 2){% endmacro %}");
    Path repo = tmp.resolve("pkgs/git_helpers");
    Files.createDirectories(repo.resolve("macros"));
    Files.writeString(repo.resolve("dbt_project.yml"), "name: git_helpers\nversion: '1.0'\nconfig-version: 2\n");
    Files.writeString(repo.resolve("macros/m.sql"), "{% macro thrice(x) %}({{ x }} * 3){% endmacro %}");
    git(repo, "init", "-q");
    git(repo, "add", ".");
    git(repo, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "v1");
    git(repo, "tag", "v1.0");
    String commit = new String(new ProcessBuilder("git", "rev-parse", "HEAD").directory(repo.toFile()).start()
        .getInputStream().readAllBytes()).strip();
    Files.writeString(project.resolve("packages.yml"), "packages:\n  - local: ../pkgs/local_helpers\n"
        + "  - git: file://" + repo + "\n    revision: v1.0\n");
    Files.writeString(project.resolve("models/marts/doubled.sql"),
        "select {{ local_helpers.twice(21) }} as a, {{ git_helpers.thrice(14) }} as b");

    Out deps = run("models", "deps", "--project", project.toString());
    assertThat(deps.code()).as(deps.stderr()).isZero();
    assertThat(project.resolve("dbt_packages/local_helpers/macros/m.sql")).exists();
    assertThat(project.resolve("dbt_packages/git_helpers/macros/m.sql")).exists();
    assertThat(project.resolve("dbt_packages/git_helpers/.git")).doesNotExist();
    assertThat(Files.readString(project.resolve("package-lock.yml")))
        .contains("- local: '../pkgs/local_helpers'", "revision: '" + commit + "'", "name: 'git_helpers'");

    Out show = run("models", "show", "--project", project.toString(), "--select", "doubled");
    assertThat(show.code()).as(show.stderr()).isZero();
    assertThat(show.stdout()).contains("42").contains("42");

    Files.writeString(project.resolve("packages.yml"), "packages:\n  - package: dbt-labs/dbt_utils\n"
        + "    version: 1.3.0\n");
    Out hub = run("models", "deps", "--project", project.toString());
    assertThat(hub.code()).isNotZero();
    assertThat(hub.stderr().strip()).contains("dbt-labs/dbt_utils", "no network").doesNotContain("\n");
    assertThat(project.resolve("dbt_packages/git_helpers/macros/m.sql")).as("nothing installed is lost").exists();
  }

  private static void git(Path dir, String... args) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git"));
    command.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  Path bundled(Path work) throws Exception {
    return dev.leakproof.sql.project.BundledProject.extract(work.resolve("sql-project"));
  }
}
