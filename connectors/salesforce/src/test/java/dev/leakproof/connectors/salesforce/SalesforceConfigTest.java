package dev.leakproof.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SalesforceConfigTest {

  private static final Map<String, String> ENV = Map.of("SALESFORCE_AUTH_CLIENT_ID", "3MVG9",
      "SALESFORCE_AUTH_CLIENT_SECRET", "s3cr3t-value");

  @Test
  void fileSettingsAreOverriddenByTheEnvironmentAndSecretsAreMasked() {
    SalesforceConfig c = SalesforceConfig.from(Map.of("login-url", "https://acme.my.salesforce.com/",
        "bulk.poll-max", "10s", "api.reserve-pct", "20"), Map.of("SALESFORCE_AUTH_CLIENT_ID", "3MVG9",
        "SALESFORCE_AUTH_CLIENT_SECRET", "s3cr3t-value", "SALESFORCE_BULK_POLL_MAX", "45s"));
    assertThat(c.loginUrl()).hasToString("https://acme.my.salesforce.com");
    assertThat(c.pollMax()).isEqualTo(Duration.ofSeconds(45));
    assertThat(c.apiReservePct()).isEqualTo(20);
    assertThat(c.dataPath()).isEqualTo("/services/data/v62.0");
    assertThat(c.describe()).contains("salesforce.auth.client-secret = ****").doesNotContain("s3cr3t-value");
    assertThat(c.toString()).doesNotContain("s3cr3t-value");
  }

  @Test
  void invalidSettingsNameTheKeyAndTheValue() {
    assertThatThrownBy(() -> SalesforceConfig.from(Map.of("api-version", "62"), ENV))
        .hasMessage("Invalid salesforce.api-version: 62 (like 62.0)");
    assertThatThrownBy(() -> SalesforceConfig.from(Map.of("bulk.max-upload-bytes", "150000000"), ENV))
        .hasMessage("Invalid salesforce.bulk.max-upload-bytes: 150000000 (1024..100000000)");
    assertThatThrownBy(() -> SalesforceConfig.from(Map.of("auth.client-secret", "inline"), ENV))
        .hasMessage("Invalid salesforce.auth.client-secret: secrets are read from the environment only (set "
            + "SALESFORCE_AUTH_CLIENT_SECRET)");
    assertThatThrownBy(() -> SalesforceConfig.from(Map.of(), Map.of("SALESFORCE_AUTH_CLIENT_ID", "x")))
        .hasMessageStartingWith("Invalid salesforce.auth.client-secret: missing");
    assertThatThrownBy(() -> SalesforceConfig.from(Map.of("bulk.poll-every", "1s"), ENV))
        .hasMessage("Invalid salesforce.bulk.poll-every: unknown setting");
    assertThatThrownBy(() -> SalesforceConfig.from(Map.of("bulk.job-timeout", "soon"), ENV))
        .hasMessage("Invalid salesforce.bulk.job-timeout: soon (a duration: 30s, 5m, PT1S)");
    assertThatThrownBy(() -> SalesforceConfig.from(Map.of("auth.flow", "password"), ENV))
        .hasMessage("Invalid salesforce.auth.flow: password (client-credentials or jwt-bearer)");
  }

  @Test
  void theJwtFlowNeedsAUserAndAKey() {
    SalesforceConfig c = SalesforceConfig.from(Map.of("auth.flow", "jwt-bearer"), Map.of("SALESFORCE_AUTH_CLIENT_ID",
        "3MVG9", "SALESFORCE_AUTH_USERNAME", "integration@acme.com", "SALESFORCE_AUTH_PRIVATE_KEY_FILE", "/k.pem"));
    assertThat(c.auth()).isEqualTo(new SalesforceConfig.JwtBearer("3MVG9", "integration@acme.com",
        java.nio.file.Path.of("/k.pem"), "https://login.salesforce.com"));
  }
}
