package dev.leakproof.connectors.salesforce;

import dev.leakproof.core.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The Salesforce destination's validated configuration: where to log in and how, the pinned API
 * version, and the Bulk API limits kept to. Built by {@link #from} from the destinations file and
 * the environment; printed by {@link #describe()} with secrets masked.
 */
public record SalesforceConfig(
    URI loginUrl,
    String apiVersion,
    Auth auth,
    long maxUploadBytes,
    Duration pollInitial,
    Duration pollMax,
    Duration jobTimeout,
    int apiReservePct,
    Duration httpTimeout) {

  /** Salesforce's documented ceiling for one upload's raw CSV (150 MB once base64-encoded). */
  public static final long MAX_RAW_UPLOAD = 100_000_000L;

  /** How Leakproof authenticates: one of the two server-to-server OAuth 2.0 flows. */
  public sealed interface Auth permits ClientCredentials, JwtBearer {
    String clientId();
  }

  /** OAuth 2.0 client-credentials flow: the connected app's key and secret. */
  public record ClientCredentials(String clientId, Secret clientSecret) implements Auth {
    public ClientCredentials {
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientSecret, "clientSecret");
    }
  }

  /** OAuth 2.0 JWT bearer flow: a JWT for {@code username} signed with the app's certificate key. */
  public record JwtBearer(String clientId, String username, Path privateKeyFile, String audience) implements Auth {
    public JwtBearer {
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(privateKeyFile, "privateKeyFile");
      Objects.requireNonNull(audience, "audience");
    }
  }

  public SalesforceConfig {
    Objects.requireNonNull(loginUrl, "loginUrl");
    Objects.requireNonNull(auth, "auth");
    String scheme = loginUrl.getScheme();
    if (scheme == null || !(scheme.equals("https") || scheme.equals("http")) || loginUrl.getHost() == null) {
      throw new IllegalArgumentException("Invalid salesforce.login-url: " + loginUrl + " (an http(s) URL)");
    }
    if (apiVersion == null || !apiVersion.matches("\\d{2}\\.0")) {
      throw new IllegalArgumentException("Invalid salesforce.api-version: " + apiVersion + " (like 62.0)");
    }
    if (maxUploadBytes < 1_024 || maxUploadBytes > MAX_RAW_UPLOAD) {
      throw new IllegalArgumentException("Invalid salesforce.bulk.max-upload-bytes: " + maxUploadBytes
          + " (1024.." + MAX_RAW_UPLOAD + ")");
    }
    if (pollInitial.isNegative() || pollMax.compareTo(pollInitial) < 0) {
      throw new IllegalArgumentException("Invalid salesforce.bulk.poll-max: " + pollMax + " (at least poll-initial "
          + pollInitial + ")");
    }
    if (apiReservePct < 0 || apiReservePct > 90) {
      throw new IllegalArgumentException("Invalid salesforce.api.reserve-pct: " + apiReservePct + " (0..90)");
    }
  }

  /** The base of every REST call once logged in: {@code /services/data/v62.0}. */
  public String dataPath() {
    return "/services/data/v" + apiVersion;
  }

  /**
   * Builds the configuration from the destinations file's {@code salesforce} keys and the
   * environment (environment first; secrets only from the environment).
   *
   * @throws IllegalArgumentException naming the key and the value for any invalid or missing setting
   */
  public static SalesforceConfig from(Map<String, String> file, Map<String, String> env) {
    Map<ConfigKey, String> v = new LinkedHashMap<>();
    for (ConfigKey k : ConfigKey.values()) {
      if (k.isSecret() && file.containsKey(k.key())) {
        throw new IllegalArgumentException("Invalid salesforce." + k.key() + ": secrets are read from the "
            + "environment only (set " + k.envVar() + ")");
      }
      String value = env.getOrDefault(k.envVar(), file.getOrDefault(k.key(), k.defaultValue()));
      if (value != null && !value.isBlank()) {
        v.put(k, value.trim());
      }
    }
    for (String key : file.keySet()) {
      if (java.util.Arrays.stream(ConfigKey.values()).noneMatch(k -> k.key().equals(key))) {
        throw new IllegalArgumentException("Invalid salesforce." + key + ": unknown setting");
      }
    }
    URI login = URI.create(v.get(ConfigKey.LOGIN_URL).replaceAll("/+$", ""));
    String flow = v.get(ConfigKey.AUTH_FLOW).toLowerCase(Locale.ROOT);
    String clientId = required(v, ConfigKey.CLIENT_ID);
    Auth auth = switch (flow) {
      case "client-credentials" -> new ClientCredentials(clientId, Secret.of(required(v, ConfigKey.CLIENT_SECRET)));
      case "jwt-bearer" -> new JwtBearer(clientId, required(v, ConfigKey.USERNAME),
          Path.of(required(v, ConfigKey.PRIVATE_KEY_FILE)), v.getOrDefault(ConfigKey.AUDIENCE, login.toString()));
      default -> throw new IllegalArgumentException("Invalid salesforce.auth.flow: " + flow
          + " (client-credentials or jwt-bearer)");
    };
    return new SalesforceConfig(login, v.get(ConfigKey.API_VERSION), auth,
        number(v, ConfigKey.MAX_UPLOAD_BYTES), duration(v, ConfigKey.POLL_INITIAL), duration(v, ConfigKey.POLL_MAX),
        duration(v, ConfigKey.JOB_TIMEOUT), (int) number(v, ConfigKey.API_RESERVE_PCT),
        duration(v, ConfigKey.HTTP_TIMEOUT));
  }

  /** The settings as {@code key = value} lines, secrets masked. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append("salesforce.login-url = ").append(loginUrl).append('\n');
    b.append("salesforce.api-version = ").append(apiVersion).append('\n');
    if (auth instanceof ClientCredentials c) {
      b.append("salesforce.auth.flow = client-credentials\n");
      b.append("salesforce.auth.client-id = ").append(c.clientId()).append('\n');
      b.append("salesforce.auth.client-secret = ").append(c.clientSecret()).append('\n');
    } else if (auth instanceof JwtBearer j) {
      b.append("salesforce.auth.flow = jwt-bearer\n");
      b.append("salesforce.auth.client-id = ").append(j.clientId()).append('\n');
      b.append("salesforce.auth.username = ").append(j.username()).append('\n');
      b.append("salesforce.auth.private-key-file = ").append(j.privateKeyFile()).append('\n');
      b.append("salesforce.auth.audience = ").append(j.audience()).append('\n');
    }
    b.append("salesforce.bulk.max-upload-bytes = ").append(maxUploadBytes).append('\n');
    b.append("salesforce.bulk.poll-initial = ").append(pollInitial).append('\n');
    b.append("salesforce.bulk.poll-max = ").append(pollMax).append('\n');
    b.append("salesforce.bulk.job-timeout = ").append(jobTimeout).append('\n');
    b.append("salesforce.api.reserve-pct = ").append(apiReservePct).append('\n');
    b.append("salesforce.http.timeout = ").append(httpTimeout).append('\n');
    return b.toString();
  }

  private static String required(Map<ConfigKey, String> v, ConfigKey k) {
    String value = v.get(k);
    if (value == null) {
      throw new IllegalArgumentException("Invalid " + k.fullKey() + ": missing (" + k.description() + "; set "
          + k.envVar() + (k.isSecret() ? ")" : " or " + k.key() + " under salesforce: in the destinations file)"));
    }
    return value;
  }

  private static long number(Map<ConfigKey, String> v, ConfigKey k) {
    try {
      return Long.parseLong(v.get(k).replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid " + k.fullKey() + ": " + v.get(k) + " (a whole number)");
    }
  }

  private static Duration duration(Map<ConfigKey, String> v, ConfigKey k) {
    String text = v.get(k);
    try {
      return Duration.parse(text.toUpperCase(Locale.ROOT).startsWith("P") ? text : "PT" + text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Invalid " + k.fullKey() + ": " + text + " (a duration: 30s, 5m, PT1S)");
    }
  }
}
