package dev.leakproof.connectors.salesforce;

import java.util.Locale;

/**
 * A Salesforce destination setting, declared once with its default and description (Debezium's
 * {@code Field}): read from the destinations file under {@code salesforce:}, or from the
 * environment variable named here, which wins. Secrets are read from the environment only.
 */
public enum ConfigKey {
  LOGIN_URL("login-url", "https://login.salesforce.com", "OAuth server: the My Domain or login URL"),
  API_VERSION("api-version", "62.0", "REST API version every call is pinned to (vNN.N)"),
  AUTH_FLOW("auth.flow", "client-credentials", "OAuth 2.0 flow: client-credentials or jwt-bearer"),
  CLIENT_ID("auth.client-id", null, "the connected app's consumer key"),
  CLIENT_SECRET("auth.client-secret", null, "the connected app's consumer secret (client-credentials)", true),
  USERNAME("auth.username", null, "the integration user the JWT is issued for (jwt-bearer)"),
  PRIVATE_KEY_FILE("auth.private-key-file", null, "PKCS#8 PEM RSA key the JWT is signed with (jwt-bearer)", true),
  AUDIENCE("auth.audience", null, "JWT audience; defaults to the login URL"),
  MAX_UPLOAD_BYTES("bulk.max-upload-bytes", "100000000", "largest CSV upload in bytes (Salesforce: 100 MB raw)"),
  POLL_INITIAL("bulk.poll-initial", "PT1S", "first wait while a job runs; each next wait doubles"),
  POLL_MAX("bulk.poll-max", "PT30S", "longest wait between two polls of a job"),
  JOB_TIMEOUT("bulk.job-timeout", "PT30M", "how long a job may run before its outcome is called unknown"),
  API_RESERVE_PCT("api.reserve-pct", "10", "share of the org's daily API requests Leakproof leaves to others"),
  HTTP_TIMEOUT("http.timeout", "PT60S", "timeout of one HTTP request");

  private final String key;
  private final String defaultValue;
  private final String description;
  private final boolean secret;

  ConfigKey(String key, String defaultValue, String description) {
    this(key, defaultValue, description, false);
  }

  ConfigKey(String key, String defaultValue, String description, boolean secret) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
    this.secret = secret;
  }

  /** The key under {@code salesforce.}: {@code bulk.max-upload-bytes}. */
  public String key() {
    return key;
  }

  /** The full key: {@code salesforce.bulk.max-upload-bytes}. */
  public String fullKey() {
    return "salesforce." + key;
  }

  /** The environment variable that sets it: {@code SALESFORCE_BULK_MAX_UPLOAD_BYTES}. */
  public String envVar() {
    return fullKey().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  public boolean isSecret() {
    return secret;
  }
}
