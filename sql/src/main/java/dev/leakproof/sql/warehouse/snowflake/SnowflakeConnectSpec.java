package dev.leakproof.sql.warehouse.snowflake;

import dev.leakproof.sql.profile.SnowflakeTarget;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JDBC URL and connection properties for a Snowflake output, built without touching the
 * network: secrets travel only in the properties, never in the URL, and {@code toString()} masks
 * them.
 *
 * <p>{@code disablePlatformDetection=true} is always set: without it the driver probes cloud
 * metadata addresses (169.254.169.254, metadata.google.internal) when it first connects.
 */
public record SnowflakeConnectSpec(String url, Properties properties) {

  /** Property keys whose values are credentials. */
  static final Set<String> SECRET_PROPERTIES = Set.of("password", "private_key_file_pwd", "token");

  public SnowflakeConnectSpec {
    Objects.requireNonNull(url, "url");
    properties = copy(Objects.requireNonNull(properties, "properties"));
  }

  /** A copy of the properties (the driver gets its own copy each time). */
  @Override
  public Properties properties() {
    return copy(properties);
  }

  /**
   * Builds the URL and properties for an output.
   *
   * @param projectDir the folder a relative {@code private_key_path} is resolved against
   */
  public static SnowflakeConnectSpec of(SnowflakeTarget t, Path projectDir) {
    String url = "jdbc:snowflake://" + t.effectiveHost() + ":" + t.port();
    Properties p = new Properties();
    p.setProperty("account", t.account());
    p.setProperty("user", t.user());
    String authenticator = t.effectiveAuthenticator();
    p.setProperty("authenticator",
        authenticator.startsWith("https://") ? authenticator : authenticator.toUpperCase(Locale.ROOT));
    switch (authenticator) {
      case "snowflake_jwt" -> {
        p.setProperty("private_key_file", t.privateKeyFile(projectDir).toString());
        if (t.privateKeyPassphrase() != null) {
          p.setProperty("private_key_file_pwd", t.privateKeyPassphrase().reveal());
        }
      }
      case "oauth", "programmatic_access_token" -> p.setProperty("token", t.token().reveal());
      case "externalbrowser" -> { }
      default -> p.setProperty("password", t.password().reveal());
    }
    putIfSet(p, "role", t.role());
    putIfSet(p, "warehouse", t.warehouse());
    p.setProperty("db", t.database());
    p.setProperty("schema", t.schema());
    p.setProperty("disablePlatformDetection", "true");
    p.setProperty("CLIENT_OUT_OF_BAND_TELEMETRY_ENABLED", "false");
    p.setProperty("CLIENT_SESSION_KEEP_ALIVE", "false");
    p.setProperty("JDBC_QUERY_RESULT_FORMAT", "JSON");
    p.setProperty("application", "Leakproof");
    p.setProperty("loginTimeout", Integer.toString(t.connectTimeout()));
    p.setProperty("HTTP_CLIENT_CONNECTION_TIMEOUT", Integer.toString(t.connectTimeout() * 1000));
    p.setProperty("TIMEZONE", "UTC");
    putIfSet(p, "QUERY_TAG", t.queryTag());
    return new SnowflakeConnectSpec(url, p);
  }

  @Override
  public String toString() {
    TreeMap<String, String> shown = new TreeMap<>();
    properties.stringPropertyNames().forEach(k ->
        shown.put(k, SECRET_PROPERTIES.contains(k) ? "****" : properties.getProperty(k)));
    return "SnowflakeConnectSpec[url=" + url + ", properties=" + shown + "]";
  }

  private static void putIfSet(Properties p, String key, String value) {
    if (value != null) {
      p.setProperty(key, value);
    }
  }

  private static Properties copy(Properties from) {
    Properties to = new Properties();
    from.stringPropertyNames().forEach(k -> to.setProperty(k, from.getProperty(k)));
    return to;
  }
}
