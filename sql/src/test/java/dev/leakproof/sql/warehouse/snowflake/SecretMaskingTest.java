package dev.leakproof.sql.warehouse.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.leakproof.sql.profile.Profiles;
import dev.leakproof.core.Secret;
import dev.leakproof.sql.profile.SnowflakeProfiles;
import dev.leakproof.sql.profile.SnowflakeTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretMaskingTest {

  private static final String PASSWORD = SnowflakeProfiles.PASSWORD;

  @TempDir Path tmp;

  @Test
  void theTargetPrintsPasswordAsStars() {
    SnowflakeTarget t = SnowflakeProfiles.load(tmp, Map.of());

    assertThat(t.toString()).contains("password=****").doesNotContain(PASSWORD);
    assertThat(Secret.of(PASSWORD)).hasToString("****");
  }

  @Test
  void keyPassphraseAndTokenPrintAsStarsToo() {
    SnowflakeTarget keyPair = SnowflakeProfiles.load(tmp, Map.of("password", "",
        "private_key_path", "rsa_key.p8", "private_key_passphrase", "{{ env_var('SNOWFLAKE_PASSWORD') }}"));
    SnowflakeTarget oauth = SnowflakeProfiles.load(tmp, Map.of("password", "", "authenticator", "oauth",
        "token", "{{ env_var('SNOWFLAKE_PASSWORD') }}"));

    assertThat(keyPair.toString()).contains("privateKeyPassphrase=****").doesNotContain(PASSWORD);
    assertThat(oauth.toString()).contains("token=****").doesNotContain(PASSWORD);
    assertThat(SnowflakeConnectSpec.of(keyPair, tmp).toString()).contains("private_key_file_pwd=****")
        .doesNotContain(PASSWORD);
    assertThat(SnowflakeConnectSpec.of(oauth, tmp).toString()).contains("token=****").doesNotContain(PASSWORD);
  }

  @Test
  void theJdbcUrlAndSpecNeverHoldThePassword() {
    SnowflakeConnectSpec spec = SnowflakeConnectSpec.of(SnowflakeProfiles.load(tmp, Map.of()), tmp);

    assertThat(spec.url()).doesNotContain(PASSWORD);
    assertThat(spec.toString()).contains("password=****").contains("disablePlatformDetection=true")
        .doesNotContain(PASSWORD);
  }

  @Test
  void validationMessagesNeverHoldThePassword() {
    for (Map<String, String> broken : java.util.List.of(
        Map.of("port", "0"), Map.of("account", ""), Map.of("private_key_path", "k.p8"),
        Map.of("token", "{{ env_var('SNOWFLAKE_PASSWORD') }}"),
        Map.of("authenticator", "kerberos"), Map.of("password", "{{ env_var('SNOWFLAKE_PASSWORD') }}{{ x }}"))) {
      Throwable thrown = catchThrowable(() -> SnowflakeProfiles.load(tmp, broken));
      assertThat(thrown).as("%s", broken).isNotNull();
      assertThat(thrown.getMessage()).as("%s", broken).doesNotContain(PASSWORD);
    }
  }

  @Test
  void aSyntaxErrorNextToAPasswordDoesNotQuoteIt() throws Exception {
    Path file = Files.writeString(tmp.resolve("profiles.yml"),
        "leakproof:\n  outputs:\n    prod:\n      password: '" + PASSWORD + "\n   : : [\n");

    Throwable thrown = catchThrowable(() -> Profiles.load(file, "leakproof", "prod", name -> null));

    assertThat(thrown).hasMessageStartingWith("Invalid profiles.yml").hasMessageNotContaining(PASSWORD);
  }

  @Test
  void anUnreadableKeyFileIsReportedWithoutSecrets() {
    SnowflakeTarget t = SnowflakeProfiles.load(tmp, Map.of("password", "", "host", "127.0.0.1",
        "private_key_path", "missing.p8", "private_key_passphrase", "{{ env_var('SNOWFLAKE_PASSWORD') }}"));

    Throwable thrown = catchThrowable(() -> SnowflakeWarehouse.checkKeyFile(SnowflakeConnectSpec.of(t, tmp), "prod"));

    assertThat(thrown).isInstanceOf(SQLException.class)
        .hasMessage("Cannot read private_key_path: " + tmp.resolve("missing.p8") + " (profiles.yml, target prod)");
    assertThat(thrown.getMessage()).doesNotContain(PASSWORD);
  }
}
