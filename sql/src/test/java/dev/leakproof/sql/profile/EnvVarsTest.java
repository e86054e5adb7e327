package dev.leakproof.sql.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EnvVarsTest {

  private static final String WHERE = "profiles.yml, target prod";
  private static final Function<String, String> ENV =
      Map.of("SF_USER", "loader", "SF_ROLE", "transformer", "EMPTY", "")::get;

  private static String render(String value) {
    return EnvVars.render(value, ENV, "user", WHERE);
  }

  @Test
  void plainValuesPassThrough() {
    assertThat(render("loader")).isEqualTo("loader");
    assertThat(render("")).isEmpty();
    assertThat(EnvVars.render(null, ENV, "user", WHERE)).isNull();
  }

  @Test
  void setVariableIsSubstituted() {
    assertThat(render("{{ env_var('SF_USER') }}")).isEqualTo("loader");
    assertThat(render("{{env_var(\"SF_USER\")}}")).isEqualTo("loader");
  }

  @Test
  void defaultIsUsedOnlyWhenTheVariableIsUnset() {
    assertThat(render("{{ env_var('NOT_SET', 'fallback') }}")).isEqualTo("fallback");
    assertThat(render("{{ env_var('SF_USER', 'fallback') }}")).isEqualTo("loader");
    assertThat(render("{{ env_var('NOT_SET', \"double quoted\") }}")).isEqualTo("double quoted");
    assertThat(render("{{ env_var('NOT_SET', 8) }}")).isEqualTo("8");
    assertThat(render("{{ env_var('NOT_SET', '') }}")).isEmpty();
  }

  @Test
  void anEmptyVariableIsSetAndWinsOverTheDefault() {
    assertThat(render("{{ env_var('EMPTY', 'fallback') }}")).isEmpty();
  }

  @Test
  void callsInsideTextAreAllReplaced() {
    assertThat(render("dbt_{{ env_var('SF_USER') }}_{{ env_var('SF_ROLE') }}"))
        .isEqualTo("dbt_loader_transformer");
  }

  @Test
  void substitutedValuesAreNotReadAsReplacementPatterns() {
    Function<String, String> env = Map.of("P", "a$1\\b")::get;
    assertThat(EnvVars.render("{{ env_var('P') }}", env, "password", WHERE)).isEqualTo("a$1\\b");
  }

  @Test
  void missingVariableWithoutDefaultNamesItAndTheTarget() {
    assertThatThrownBy(() -> render("{{ env_var('SF_PASSWORD') }}"))
        .isInstanceOf(ProfileException.class)
        .hasMessage("Env var required but not provided: 'SF_PASSWORD' (profiles.yml, target prod)");
  }

  @Test
  void otherTemplatesAreRejected() {
    assertThatThrownBy(() -> render("{{ var('user') }}"))
        .hasMessage("Invalid user: {{ var('user') }} (profiles.yml, target prod; only "
            + "{{ env_var('NAME') }} and {{ env_var('NAME', 'default') }} are supported)");
    assertThatThrownBy(() -> render("{{ env_var('SF_USER') | lower }}"))
        .hasMessageStartingWith("Invalid user: ");
  }

  @Test
  void aRejectedSecretIsNotEchoed() {
    assertThatThrownBy(() -> EnvVars.render("hunter2{{", ENV, "password", WHERE))
        .hasMessage("Invalid password: **** (profiles.yml, target prod; only "
            + "{{ env_var('NAME') }} and {{ env_var('NAME', 'default') }} are supported)");
  }
}
