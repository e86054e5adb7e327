package dev.leakproof.sql.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesTest {

  @TempDir Path tmp;

  private static final Function<String, String> NO_ENV = name -> null;

  private Path profiles(String yaml) throws IOException {
    return Files.writeString(tmp.resolve("profiles.yml"), yaml);
  }

  private static final String TWO_TARGETS = """
      config:
        send_anonymous_usage_stats: false
      leakproof:
        target: dev
        outputs:
          dev:
            type: duckdb
            path: target/leakproof.duckdb
          ci:
            type: duckdb
            path: ':memory:'
            schema: analytics
            threads: 4
            memory_limit: 512MB
      other:
        outputs: {}
      """;

  @Test
  void theProfilesTargetKeyPicksTheOutputAndDuckDbDefaultsApply() throws IOException {
    ProfileTarget t = Profiles.load(profiles(TWO_TARGETS), "leakproof", null, NO_ENV);

    assertThat(t).isEqualTo(new DuckDbTarget("leakproof", "dev", "target/leakproof.duckdb", "main", 1, "4GB"));
    assertThat(t.target()).isEqualTo(Target.DUCKDB);
  }

  @Test
  void anExplicitTargetWins() throws IOException {
    DuckDbTarget t = (DuckDbTarget) Profiles.load(profiles(TWO_TARGETS), "leakproof", "ci", NO_ENV);

    assertThat(t.inMemory()).isTrue();
    assertThat(t.schema()).isEqualTo("analytics");
    assertThat(t.threads()).isEqualTo(4);
    assertThat(t.memoryLimit()).isEqualTo("512MB");
  }

  @Test
  void theTargetKeyMayComeFromTheEnvironment() throws IOException {
    Path file = profiles(TWO_TARGETS.replace("target: dev", "target: \"{{ env_var('DBT_TARGET', 'dev') }}\""));

    assertThat(Profiles.load(file, "leakproof", null, Map.of("DBT_TARGET", "ci")::get).name()).isEqualTo("ci");
    assertThat(Profiles.load(file, "leakproof", null, NO_ENV).name()).isEqualTo("dev");
  }

  @Test
  void duckDbPathsResolveAgainstTheProjectFolder() throws IOException {
    DuckDbTarget t = (DuckDbTarget) Profiles.load(profiles(TWO_TARGETS), "leakproof", "dev", NO_ENV);
    Path project = tmp.resolve("project");

    DuckDbWarehouse.Settings settings = t.settings(project);

    assertThat(settings.file()).isEqualTo(project.toAbsolutePath().resolve("target/leakproof.duckdb"));
    assertThat(settings.memoryLimit()).isEqualTo("4GB");
    assertThat(settings.threads()).isEqualTo(1);
    assertThat(new DuckDbTarget("p", "t", "/data/w.duckdb", "main", 1, "4GB").file(project))
        .isEqualTo(Path.of("/data/w.duckdb"));
    assertThat(new DuckDbTarget("p", "t", "~/w.duckdb", "main", 1, "4GB").file(project))
        .isEqualTo(Path.of(System.getProperty("user.home"), "w.duckdb"));
  }

  @Test
  void duckDbPathDefaultsToMemoryAsInDbtDuckDb() throws IOException {
    Path file = profiles("p:\n  target: t\n  outputs:\n    t:\n      type: duckdb\n");

    assertThat(((DuckDbTarget) Profiles.load(file, "p", null, NO_ENV)).inMemory()).isTrue();
  }

  @Test
  void unknownProfileListsTheProfiles() throws IOException {
    Path file = profiles(TWO_TARGETS);

    assertThatThrownBy(() -> Profiles.load(file, "jaffle_shop", null, NO_ENV))
        .isInstanceOf(ProfileException.class)
        .hasMessage("Cannot find profile 'jaffle_shop' in " + file + " (profiles: leakproof, other)");
    assertThatThrownBy(() -> Profiles.load(file, "config", null, NO_ENV))
        .hasMessageStartingWith("Cannot find profile 'config'");
  }

  @Test
  void unknownTargetListsTheOutputs() throws IOException {
    Path file = profiles(TWO_TARGETS);

    assertThatThrownBy(() -> Profiles.load(file, "leakproof", "prod", NO_ENV))
        .hasMessage("Cannot find target 'prod' in profile 'leakproof' (targets: dev, ci)");
  }

  @Test
  void noTargetAnywhereIsReported() throws IOException {
    Path file = profiles(TWO_TARGETS);

    assertThatThrownBy(() -> Profiles.load(file, "other", null, NO_ENV))
        .hasMessage("Missing key: target (profiles.yml, profile other; or pass a target name)");
  }

  @Test
  void missingAndUnknownTypes() throws IOException {
    Path file = profiles("p:\n  outputs:\n    dev:\n      type: postgres\n    ci:\n      path: x\n");

    assertThatThrownBy(() -> Profiles.load(file, "p", "dev", NO_ENV))
        .hasMessage("Invalid target type: postgres (profiles.yml, target dev; supported: duckdb, snowflake)");
    assertThatThrownBy(() -> Profiles.load(file, "p", "ci", NO_ENV))
        .hasMessage("Missing key: type (profiles.yml, target ci)");
  }

  @Test
  void duckDbValuesAreValidated() throws IOException {
    Path file = profiles("""
        p:
          outputs:
            threads: {type: duckdb, threads: many}
            zero: {type: duckdb, threads: 0}
            memory: {type: duckdb, memory_limit: lots}
            schema: {type: duckdb, schema: "my schema"}
        """);

    assertThatThrownBy(() -> Profiles.load(file, "p", "threads", NO_ENV))
        .hasMessage("Invalid threads: many (profiles.yml, target threads; must be an integer)");
    assertThatThrownBy(() -> Profiles.load(file, "p", "zero", NO_ENV))
        .hasMessage("Invalid threads: 0 (profiles.yml, target zero; must be at least 1)");
    assertThatThrownBy(() -> Profiles.load(file, "p", "memory", NO_ENV))
        .hasMessage("Invalid memory_limit: lots (profiles.yml, target memory; e.g. 4GB)");
    assertThatThrownBy(() -> Profiles.load(file, "p", "schema", NO_ENV))
        .hasMessage("Invalid schema: my schema (profiles.yml, target schema; letters, digits and '_' only)");
  }

  @Test
  void aMissingEnvVarNamesTheTarget() throws IOException {
    Path file = profiles("p:\n  outputs:\n    prod:\n      type: duckdb\n      path: \"{{ env_var('WAREHOUSE_FILE') }}\"\n");

    assertThatThrownBy(() -> Profiles.load(file, "p", "prod", NO_ENV))
        .hasMessage("Env var required but not provided: 'WAREHOUSE_FILE' (profiles.yml, target prod)");
  }

  @Test
  void unreadableAndMalformedFiles() throws IOException {
    Path missing = tmp.resolve("nope.yml");
    assertThatThrownBy(() -> Profiles.load(missing, "p", null, NO_ENV))
        .hasMessageStartingWith("Cannot read profiles.yml: " + missing + " (");

    Path list = profiles("- a\n- b\n");
    assertThatThrownBy(() -> Profiles.load(list, "p", null, NO_ENV))
        .hasMessage("Invalid profiles.yml: " + list + " (expected a map of profiles)");
  }

  @Test
  void aSyntaxErrorGivesTheLineButNotTheText() throws IOException {
    Path file = profiles("p:\n  outputs:\n    prod:\n      password: \"hunter2\n      user: x\n  : [\n");

    assertThatThrownBy(() -> Profiles.load(file, "p", "prod", NO_ENV))
        .hasMessageStartingWith("Invalid profiles.yml: " + file + " (YAML syntax error at line ")
        .hasMessageNotContaining("hunter2");
  }
}
