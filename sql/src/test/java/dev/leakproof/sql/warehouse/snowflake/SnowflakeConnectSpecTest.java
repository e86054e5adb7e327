package dev.leakproof.sql.warehouse.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.sql.profile.SnowflakeProfiles;
import dev.leakproof.sql.profile.SnowflakeTarget;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnowflakeConnectSpecTest {

  @TempDir Path tmp;
  final Path project = Path.of("/work/project");

  private SnowflakeConnectSpec spec(Object... keyValues) {
    Map<String, String> overrides = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      overrides.put((String) keyValues[i], (String) keyValues[i + 1]);
    }
    SnowflakeTarget target = SnowflakeProfiles.load(tmp, overrides);
    return SnowflakeConnectSpec.of(target, project);
  }

  @Test
  void aPasswordOutput() {
    SnowflakeConnectSpec spec = spec();

    assertThat(spec.url()).isEqualTo("jdbc:snowflake://myorg-leakproof.snowflakecomputing.com:443");
    assertThat(spec.properties()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("account", "myorg-leakproof"),
        Map.entry("user", "LOADER"),
        Map.entry("password", SnowflakeProfiles.PASSWORD),
        Map.entry("authenticator", "SNOWFLAKE"),
        Map.entry("role", "TRANSFORMER"),
        Map.entry("warehouse", "TRANSFORMING"),
        Map.entry("db", "ANALYTICS"),
        Map.entry("schema", "LEAKPROOF"),
        Map.entry("disablePlatformDetection", "true"),
        Map.entry("CLIENT_OUT_OF_BAND_TELEMETRY_ENABLED", "false"),
        Map.entry("CLIENT_SESSION_KEEP_ALIVE", "false"),
        Map.entry("JDBC_QUERY_RESULT_FORMAT", "JSON"),
        Map.entry("application", "Leakproof"),
        Map.entry("loginTimeout", "10"),
        Map.entry("HTTP_CLIENT_CONNECTION_TIMEOUT", "10000"),
        Map.entry("TIMEZONE", "UTC")));
  }

  @Test
  void hostPortTimeoutAndQueryTag() {
    SnowflakeConnectSpec spec = spec("host", "127.0.0.1", "port", "8443", "connect_timeout", "3",
        "query_tag", "leakproof", "role", null, "warehouse", null);

    assertThat(spec.url()).isEqualTo("jdbc:snowflake://127.0.0.1:8443");
    Properties p = spec.properties();
    assertThat(p.getProperty("account")).isEqualTo("myorg-leakproof");
    assertThat(p.getProperty("loginTimeout")).isEqualTo("3");
    assertThat(p.getProperty("HTTP_CLIENT_CONNECTION_TIMEOUT")).isEqualTo("3000");
    assertThat(p.getProperty("QUERY_TAG")).isEqualTo("leakproof");
    assertThat(p).doesNotContainKeys("role", "warehouse");
  }

  @Test
  void theDefaultHostIsTheLowerCaseAccount() {
    assertThat(spec("account", "MyOrg-Leakproof").url())
        .isEqualTo("jdbc:snowflake://myorg-leakproof.snowflakecomputing.com:443");
  }

  @Test
  void platformDetectionIsDisabledForEveryWayToAuthenticate() {
    Object[][] outputs = {
        {},
        {"password", null, "private_key_path", "rsa_key.p8"},
        {"password", null, "authenticator", "externalbrowser"},
        {"password", null, "authenticator", "oauth", "token", "t0k3n"},
        {"authenticator", "username_password_mfa"},
        {"authenticator", "https://myorg.okta.com"},
        {"host", "127.0.0.1", "port", "1"},
    };
    for (Object[] output : outputs) {
      assertThat(spec(output).properties().getProperty("disablePlatformDetection"))
          .as("output %s", java.util.Arrays.toString(output)).isEqualTo("true");
    }
  }

  @Test
  void aRelativeKeyPathIsTheProjectFolders() {
    Properties p = spec("password", null, "private_key_path", "keys/../keys/rsa_key.p8",
        "private_key_passphrase", "{{ env_var('SNOWFLAKE_PASSWORD') }}").properties();

    assertThat(p.getProperty("authenticator")).isEqualTo("SNOWFLAKE_JWT");
    assertThat(p.getProperty("private_key_file")).isEqualTo("/work/project/keys/rsa_key.p8");
    assertThat(p.getProperty("private_key_file_pwd")).isEqualTo(SnowflakeProfiles.PASSWORD);
    assertThat(p).doesNotContainKeys("password", "token");
  }

  @Test
  void absoluteAndHomeKeyPaths() {
    assertThat(spec("password", null, "private_key_path", "/etc/leakproof/rsa_key.p8")
        .properties().getProperty("private_key_file")).isEqualTo("/etc/leakproof/rsa_key.p8");
    assertThat(spec("password", null, "private_key_path", "~/.ssh/rsa_key.p8")
        .properties().getProperty("private_key_file"))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".ssh/rsa_key.p8").toString());
    assertThat(spec("password", null, "private_key_path", "rsa_key.p8").properties())
        .doesNotContainKey("private_key_file_pwd");
  }

  @Test
  void tokenAndBrowserAuthenticators() {
    Properties oauth = spec("password", null, "authenticator", "oauth", "token", "t0k3n").properties();
    assertThat(oauth.getProperty("authenticator")).isEqualTo("OAUTH");
    assertThat(oauth.getProperty("token")).isEqualTo("t0k3n");

    Properties browser = spec("authenticator", "externalbrowser").properties();
    assertThat(browser.getProperty("authenticator")).isEqualTo("EXTERNALBROWSER");
    assertThat(browser).doesNotContainKeys("password", "token", "private_key_file");

    Properties okta = spec("authenticator", "https://myorg.okta.com").properties();
    assertThat(okta.getProperty("authenticator")).isEqualTo("https://myorg.okta.com");
    assertThat(okta.getProperty("password")).isEqualTo(SnowflakeProfiles.PASSWORD);
  }

  @Test
  void propertiesAreCopiesSoCallersCannotChangeTheSpec() {
    SnowflakeConnectSpec spec = spec();
    spec.properties().setProperty("disablePlatformDetection", "false");

    assertThat(spec.properties().getProperty("disablePlatformDetection")).isEqualTo("true");
  }
}
