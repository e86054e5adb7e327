package dev.leakproof.sql.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.sql.compile.Target;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnowflakeTargetTest {

  @TempDir Path tmp;

  private SnowflakeTarget load(Object... keyValues) {
    Map<String, String> overrides = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      overrides.put((String) keyValues[i], (String) keyValues[i + 1]);
    }
    return SnowflakeProfiles.load(tmp, overrides);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> failsWith(String message, Object... keyValues) {
    return assertThatThrownBy(() -> load(keyValues))
        .isInstanceOf(ProfileException.class)
        .hasMessage(message)
        .hasMessageNotContaining(SnowflakeProfiles.PASSWORD);
  }

  @Test
  void aPasswordOutputWithDefaults() {
    SnowflakeTarget t = load();

    assertThat(t.target()).isEqualTo(Target.SNOWFLAKE);
    assertThat(t.profile()).isEqualTo("leakproof");
    assertThat(t.name()).isEqualTo("prod");
    assertThat(t.password().reveal()).isEqualTo(SnowflakeProfiles.PASSWORD);
    assertThat(t.schema()).isEqualTo("LEAKPROOF");
    assertThat(t.threads()).isEqualTo(4);
    assertThat(t.port()).isEqualTo(443);
    assertThat(t.connectTimeout()).isEqualTo(10);
    assertThat(t.host()).isNull();
    assertThat(t.effectiveHost()).isEqualTo("myorg-leakproof.snowflakecomputing.com");
    assertThat(t.effectiveAuthenticator()).isEqualTo("snowflake");
  }

  @Test
  void optionalKeysAreRead() {
    SnowflakeTarget t = load("host", "127.0.0.1", "port", "8443", "query_tag", "leakproof-nightly",
        "connect_timeout", "30", "role", null, "warehouse", null, "threads", null);

    assertThat(t.effectiveHost()).isEqualTo("127.0.0.1");
    assertThat(t.port()).isEqualTo(8443);
    assertThat(t.queryTag()).isEqualTo("leakproof-nightly");
    assertThat(t.connectTimeout()).isEqualTo(30);
    assertThat(t.role()).isNull();
    assertThat(t.warehouse()).isNull();
    assertThat(t.threads()).isEqualTo(1);
  }

  @Test
  void keyPairAndAuthenticatorOutputs() {
    SnowflakeTarget keyPair = load("password", null, "private_key_path", "keys/rsa_key.p8",
        "private_key_passphrase", "{{ env_var('SNOWFLAKE_PASSWORD') }}");
    assertThat(keyPair.effectiveAuthenticator()).isEqualTo("snowflake_jwt");
    assertThat(keyPair.privateKeyPassphrase().reveal()).isEqualTo(SnowflakeProfiles.PASSWORD);

    assertThat(load("password", null, "authenticator", "ExternalBrowser").effectiveAuthenticator())
        .isEqualTo("externalbrowser");
    assertThat(load("password", null, "authenticator", "oauth", "token", "t0k3n").token().reveal())
        .isEqualTo("t0k3n");
    assertThat(load("authenticator", "https://myorg.okta.com").effectiveAuthenticator())
        .isEqualTo("https://myorg.okta.com");
  }

  @Test
  void requiredKeys() {
    failsWith("Missing key: account (profiles.yml, target prod)", "account", null);
    failsWith("Missing key: user (profiles.yml, target prod)", "user", null);
    failsWith("Missing key: database (profiles.yml, target prod)", "database", null);
    failsWith("Missing key: schema (profiles.yml, target prod)", "schema", "  ");
  }

  @Test
  void connectionValues() {
    failsWith("Invalid account: myorg-leakproof.snowflakecomputing.com (profiles.yml, target prod; the account "
        + "identifier, e.g. myorg-myaccount, without .snowflakecomputing.com)",
        "account", "myorg-leakproof.snowflakecomputing.com");
    failsWith("Invalid account: my account (profiles.yml, target prod; the account identifier, e.g. "
        + "myorg-myaccount, without .snowflakecomputing.com)", "account", "my account");
    failsWith("Invalid host: https://127.0.0.1 (profiles.yml, target prod; a host name or IPv4 address, "
        + "no scheme or port)", "host", "https://127.0.0.1");
    failsWith("Invalid port: 70000 (profiles.yml, target prod; must be 1-65535)", "port", "70000");
    failsWith("Invalid port: https (profiles.yml, target prod; must be an integer)", "port", "https");
    failsWith("Invalid threads: 0 (profiles.yml, target prod; must be at least 1)", "threads", "0");
    failsWith("Invalid connect_timeout: 0 (profiles.yml, target prod; seconds, at least 1)",
        "connect_timeout", "0");
    failsWith("Invalid query_tag: 2001 characters (profiles.yml, target prod; at most 2000)",
        "query_tag", "x".repeat(2001));
  }

  @Test
  void credentials() {
    failsWith("Missing key: password, private_key_path or authenticator (profiles.yml, target prod)",
        "password", null);
    failsWith("Invalid credentials: both password and private_key_path (profiles.yml, target prod; set one)",
        "private_key_path", "rsa_key.p8");
    failsWith("Invalid private_key_passphrase: **** (profiles.yml, target prod; set without private_key_path)",
        "private_key_passphrase", "{{ env_var('SNOWFLAKE_PASSWORD') }}");
    failsWith("Invalid private_key: **** (profiles.yml, target prod; inline keys are not supported, "
        + "use private_key_path)", "private_key", "{{ env_var('SNOWFLAKE_PASSWORD') }}");
    failsWith("Invalid token: **** (profiles.yml, target prod; needs authenticator: oauth)",
        "token", "{{ env_var('SNOWFLAKE_PASSWORD') }}");
  }

  @Test
  void authenticators() {
    failsWith("Invalid authenticator: kerberos (profiles.yml, target prod; supported: externalbrowser, oauth, "
        + "programmatic_access_token, snowflake, snowflake_jwt, username_password_mfa, or an https:// Okta URL)",
        "authenticator", "kerberos");
    failsWith("Missing key: token (authenticator oauth) (profiles.yml, target prod)",
        "password", null, "authenticator", "oauth");
    failsWith("Missing key: private_key_path (authenticator snowflake_jwt) (profiles.yml, target prod)",
        "password", null, "authenticator", "snowflake_jwt");
    failsWith("Missing key: password (authenticator username_password_mfa) (profiles.yml, target prod)",
        "password", null, "authenticator", "username_password_mfa");
    failsWith("Invalid private_key_path: rsa_key.p8 (profiles.yml, target prod; needs authenticator: "
        + "snowflake_jwt, or none, not externalbrowser)",
        "password", null, "authenticator", "externalbrowser", "private_key_path", "rsa_key.p8");
    failsWith("Invalid token: **** (profiles.yml, target prod; not used by authenticator externalbrowser)",
        "password", null, "authenticator", "externalbrowser", "token", "{{ env_var('SNOWFLAKE_PASSWORD') }}");
  }
}
