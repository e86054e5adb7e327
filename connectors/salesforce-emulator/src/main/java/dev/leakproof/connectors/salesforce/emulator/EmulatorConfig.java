package dev.leakproof.connectors.salesforce.emulator;

import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link SalesforceEmulator} behaves: where it listens, which credentials it accepts, its limits
 * and its seed data. Start from {@link #defaults()} and change keys with the {@code with...} methods;
 * every instance is validated here, so a bad value fails before a port is bound.
 *
 * @param port loopback port, 0 for any free port
 * @param clientId connected app consumer key (client_credentials {@code client_id}, JWT {@code iss})
 * @param clientSecret consumer secret for client_credentials; never printed
 * @param jwtPublicKey key that verifies RS256 JWT bearer assertions, or null to refuse that flow
 * @param jwtUsername the only {@code sub} accepted in JWT assertions, or null for any user
 * @param jwtAudience accepted {@code aud} besides the emulator's own base URI
 * @param tokenLifetime how long an access token is valid
 * @param dailyApiBudget API requests allowed before REQUEST_LIMIT_EXCEEDED
 * @param maxUploadBytes largest accepted job data upload (Salesforce: 150 MB)
 * @param rowsPerSecond bulk processing throughput, 0 for unlimited
 * @param schema the org's objects and fields
 * @param seed object name to records loaded at start (values as CSV text or Java values)
 */
public record EmulatorConfig(
    int port,
    String clientId,
    String clientSecret,
    RSAPublicKey jwtPublicKey,
    String jwtUsername,
    String jwtAudience,
    Duration tokenLifetime,
    long dailyApiBudget,
    long maxUploadBytes,
    int rowsPerSecond,
    Schema schema,
    Map<String, List<Map<String, Object>>> seed) {

  /** Salesforce's documented maximum upload per Bulk API 2.0 job: 150 MB. */
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 150L * 1024 * 1024;

  public EmulatorConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("Invalid salesforce.emulator.port: " + port + " (0-65535)");
    }
    requireText("salesforce.emulator.client-id", clientId);
    requireText("salesforce.emulator.client-secret", clientSecret);
    requireText("salesforce.emulator.jwt-audience", jwtAudience);
    Objects.requireNonNull(tokenLifetime, "tokenLifetime");
    if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
      throw new IllegalArgumentException("Invalid salesforce.emulator.token-lifetime: " + tokenLifetime + " (must be positive)");
    }
    if (dailyApiBudget <= 0) {
      throw new IllegalArgumentException("Invalid salesforce.emulator.daily-api-budget: " + dailyApiBudget + " (must be positive)");
    }
    if (maxUploadBytes <= 0) {
      throw new IllegalArgumentException("Invalid salesforce.emulator.max-upload-bytes: " + maxUploadBytes + " (must be positive)");
    }
    if (rowsPerSecond < 0) {
      throw new IllegalArgumentException("Invalid salesforce.emulator.rows-per-second: " + rowsPerSecond + " (0 = unlimited, else positive)");
    }
    Objects.requireNonNull(schema, "schema");
    Map<String, List<Map<String, Object>>> copy = new LinkedHashMap<>();
    for (Map.Entry<String, List<Map<String, Object>>> e : (seed == null ? Map.<String, List<Map<String, Object>>>of() : seed).entrySet()) {
      if (schema.object(e.getKey()).isEmpty()) {
        throw new IllegalArgumentException("Invalid salesforce.emulator.seed: " + e.getKey() + " (no such object in the schema)");
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      e.getValue().forEach(r -> rows.add(Collections.unmodifiableMap(new LinkedHashMap<>(r))));
      copy.put(e.getKey(), List.copyOf(rows));
    }
    seed = Collections.unmodifiableMap(copy);
  }

  /** Any free port, a fixed client id/secret, no JWT key, 2 h tokens, 100,000 calls a day, 150 MB uploads, the Leakproof schema. */
  public static EmulatorConfig defaults() {
    return new EmulatorConfig(0, "leakproof-emulator-client", "leakproof-emulator-secret", null, null,
        "https://login.salesforce.com", Duration.ofHours(2), 100_000, DEFAULT_MAX_UPLOAD_BYTES, 0, Schema.leakproof(), Map.of());
  }

  public EmulatorConfig withPort(int newPort) {
    return new EmulatorConfig(newPort, clientId, clientSecret, jwtPublicKey, jwtUsername, jwtAudience, tokenLifetime, dailyApiBudget, maxUploadBytes, rowsPerSecond, schema, seed);
  }

  public EmulatorConfig withClientCredentials(String id, String secret) {
    return new EmulatorConfig(port, id, secret, jwtPublicKey, jwtUsername, jwtAudience, tokenLifetime, dailyApiBudget, maxUploadBytes, rowsPerSecond, schema, seed);
  }

  /** Enables the JWT bearer flow for assertions signed by the key's private half with {@code sub = username}. */
  public EmulatorConfig withJwt(RSAPublicKey key, String username) {
    return new EmulatorConfig(port, clientId, clientSecret, Objects.requireNonNull(key, "key"), username, jwtAudience, tokenLifetime, dailyApiBudget, maxUploadBytes, rowsPerSecond, schema, seed);
  }

  public EmulatorConfig withJwtAudience(String audience) {
    return new EmulatorConfig(port, clientId, clientSecret, jwtPublicKey, jwtUsername, audience, tokenLifetime, dailyApiBudget, maxUploadBytes, rowsPerSecond, schema, seed);
  }

  public EmulatorConfig withTokenLifetime(Duration lifetime) {
    return new EmulatorConfig(port, clientId, clientSecret, jwtPublicKey, jwtUsername, jwtAudience, lifetime, dailyApiBudget, maxUploadBytes, rowsPerSecond, schema, seed);
  }

  public EmulatorConfig withDailyApiBudget(long budget) {
    return new EmulatorConfig(port, clientId, clientSecret, jwtPublicKey, jwtUsername, jwtAudience, tokenLifetime, budget, maxUploadBytes, rowsPerSecond, schema, seed);
  }

  public EmulatorConfig withMaxUploadBytes(long bytes) {
    return new EmulatorConfig(port, clientId, clientSecret, jwtPublicKey, jwtUsername, jwtAudience, tokenLifetime, dailyApiBudget, bytes, rowsPerSecond, schema, seed);
  }

  public EmulatorConfig withRowsPerSecond(int rows) {
    return new EmulatorConfig(port, clientId, clientSecret, jwtPublicKey, jwtUsername, jwtAudience, tokenLifetime, dailyApiBudget, maxUploadBytes, rows, schema, seed);
  }

  public EmulatorConfig withSchema(Schema newSchema) {
    return new EmulatorConfig(port, clientId, clientSecret, jwtPublicKey, jwtUsername, jwtAudience, tokenLifetime, dailyApiBudget, maxUploadBytes, rowsPerSecond, newSchema, seed);
  }

  /** Records loaded at start and after every reset, e.g. {@code Map.of("Account", List.of(Map.of("Name", "Acme")))}. */
  public EmulatorConfig withSeed(Map<String, List<Map<String, Object>>> newSeed) {
    return new EmulatorConfig(port, clientId, clientSecret, jwtPublicKey, jwtUsername, jwtAudience, tokenLifetime, dailyApiBudget, maxUploadBytes, rowsPerSecond, schema, newSeed);
  }

  @Override
  public String toString() {
    return "EmulatorConfig[port=" + port + ", clientId=" + clientId + ", clientSecret=****, jwtPublicKey="
        + (jwtPublicKey == null ? "none" : "RSA-" + jwtPublicKey.getModulus().bitLength()) + ", jwtUsername=" + jwtUsername
        + ", jwtAudience=" + jwtAudience + ", tokenLifetime=" + tokenLifetime + ", dailyApiBudget=" + dailyApiBudget
        + ", maxUploadBytes=" + maxUploadBytes + ", rowsPerSecond=" + rowsPerSecond + ", objects="
        + schema.objects().stream().map(SObjectType::name).toList() + ", seed=" + seed.keySet() + "]";
  }

  private static void requireText(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Invalid " + key + ": " + value + " (must not be blank)");
    }
  }
}
