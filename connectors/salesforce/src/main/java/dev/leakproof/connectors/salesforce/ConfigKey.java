package dev.leakproof.connectors.salesforce;

import dev.leakproof.connectors.api.Setting;

/**
 * A Salesforce destination setting, declared once with its default and description (Debezium's
 * {@code Field}): read from the destinations file under {@code salesforce:}, or from the
 * environment variable named here, which wins. Secrets are read from the environment only.
 */
public enum ConfigKey implements Setting {
  LOGIN_URL(Field.of("login-url", "https://login.salesforce.com", "OAuth server: the My Domain or login URL")),
  API_VERSION(Field.of("api-version", "62.0", "REST API version every call is pinned to (vNN.N)")),
  AUTH_FLOW(Field.of("auth.flow", "client-credentials", "OAuth 2.0 flow: client-credentials or jwt-bearer")),
  CLIENT_ID(Field.of("auth.client-id", null, "the connected app's consumer key")),
  CLIENT_SECRET(Field.secret("auth.client-secret", "the connected app's consumer secret (client-credentials)")),
  USERNAME(Field.of("auth.username", null, "the integration user the JWT is issued for (jwt-bearer)")),
  PRIVATE_KEY_FILE(Field.secret("auth.private-key-file", "PKCS#8 PEM RSA key the JWT is signed with (jwt-bearer)")),
  AUDIENCE(Field.of("auth.audience", null, "JWT audience; defaults to the login URL")),
  MAX_UPLOAD_BYTES(Field.of("bulk.max-upload-bytes", "100000000", "largest CSV upload in bytes (Salesforce: 100 MB raw)")),
  POLL_INITIAL(Field.of("bulk.poll-initial", "PT1S", "first wait while a job runs; each next wait doubles")),
  POLL_MAX(Field.of("bulk.poll-max", "PT30S", "longest wait between two polls of a job")),
  JOB_TIMEOUT(Field.of("bulk.job-timeout", "PT30M", "how long a job may run before its outcome is called unknown")),
  API_RESERVE_PCT(Field.of("api.reserve-pct", "10", "share of the org's daily API requests Leakproof leaves to others")),
  HTTP_TIMEOUT(Field.of("http.timeout", "PT60S", "timeout of one HTTP request"));

  private final Field field;

  ConfigKey(Field field) {
    this.field = field;
  }

  @Override
  public Field field() {
    return field;
  }

  @Override
  public String section() {
    return "salesforce";
  }
}
