package dev.leakproof.sql.profile;

import dev.leakproof.core.Secret;
import dev.leakproof.sql.compile.Target;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A {@code type: snowflake} output: account, user and one way to authenticate (password, key pair
 * or an {@code authenticator}), plus role, warehouse, database and schema.
 *
 * <p>Secrets are {@link Secret}s, so {@code toString()} prints {@code password=****}; {@code host}
 * and {@code port} point the driver elsewhere than {@code <account>.snowflakecomputing.com:443}
 * (private link, tests). {@code connectTimeout} is in seconds.
 */
public record SnowflakeTarget(String profile, String name, String account, String user,
    Secret password, String privateKeyPath, Secret privateKeyPassphrase, String authenticator,
    Secret token, String role, String warehouse, String database, String schema, int threads,
    String host, int port, String queryTag, int connectTimeout) implements ProfileTarget {

  public static final int DEFAULT_PORT = 443;
  public static final int DEFAULT_THREADS = 1;
  /** dbt-snowflake's default, in seconds. */
  public static final int DEFAULT_CONNECT_TIMEOUT = 10;

  static final Set<String> AUTHENTICATORS = Set.of("snowflake", "snowflake_jwt", "externalbrowser",
      "oauth", "username_password_mfa", "programmatic_access_token");
  private static final Set<String> NEED_PASSWORD = Set.of("snowflake", "username_password_mfa");
  private static final Set<String> NEED_TOKEN = Set.of("oauth", "programmatic_access_token");

  public SnowflakeTarget {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(name, "name");
    require("account", account, name);
    if (!account.matches("[A-Za-z0-9][A-Za-z0-9_.-]*") || account.endsWith(".snowflakecomputing.com")) {
      throw ProfileException.invalid("account", account, name,
          "the account identifier, e.g. myorg-myaccount, without .snowflakecomputing.com");
    }
    require("user", user, name);
    require("database", database, name);
    require("schema", schema, name);
    if (threads < 1) {
      throw ProfileException.invalid("threads", threads, name, "must be at least 1");
    }
    if (host != null && !host.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw ProfileException.invalid("host", host, name, "a host name or IPv4 address, no scheme or port");
    }
    if (port < 1 || port > 65535) {
      throw ProfileException.invalid("port", port, name, "must be 1-65535");
    }
    if (connectTimeout < 1) {
      throw ProfileException.invalid("connect_timeout", connectTimeout, name, "seconds, at least 1");
    }
    if (queryTag != null && queryTag.length() > 2000) {
      throw ProfileException.invalid("query_tag", queryTag.length() + " characters", name, "at most 2000");
    }
    if (authenticator != null) {
      authenticator = authenticator.startsWith("https://") ? authenticator : authenticator.toLowerCase(Locale.ROOT);
    }
    checkCredentials(name, password, privateKeyPath, privateKeyPassphrase, authenticator, token);
  }

  @Override
  public Target target() {
    return Target.SNOWFLAKE;
  }

  /** The host the driver connects to: {@code host}, else {@code <account>.snowflakecomputing.com}. */
  public String effectiveHost() {
    return host != null ? host : account.toLowerCase(Locale.ROOT) + ".snowflakecomputing.com";
  }

  /** The private key file against the project folder ({@code ~/} is home); null without a key path. */
  public Path privateKeyFile(Path projectDir) {
    return privateKeyPath == null ? null : Profiles.resolve(privateKeyPath, projectDir);
  }

  /** The authenticator the driver is given: {@code authenticator}, else implied by the credentials. */
  public String effectiveAuthenticator() {
    if (authenticator != null) {
      return authenticator;
    }
    return privateKeyPath != null ? "snowflake_jwt" : "snowflake";
  }

  private static void require(String key, String value, String target) {
    if (value == null || value.isBlank()) {
      throw ProfileException.missing(key, target);
    }
  }

  private static void checkCredentials(String target, Secret password, String keyPath, Secret passphrase,
      String authenticator, Secret token) {
    if (password == null && keyPath == null && authenticator == null) {
      throw ProfileException.missing("password, private_key_path or authenticator", target);
    }
    if (password != null && keyPath != null) {
      throw ProfileException.invalid("credentials", "both password and private_key_path", target, "set one");
    }
    if (passphrase != null && keyPath == null) {
      throw ProfileException.invalid("private_key_passphrase", "****", target, "set without private_key_path");
    }
    if (authenticator == null) {
      if (token != null) {
        throw ProfileException.invalid("token", "****", target, "needs authenticator: oauth");
      }
      return;
    }
    boolean okta = authenticator.startsWith("https://");
    if (!okta && !AUTHENTICATORS.contains(authenticator)) {
      throw ProfileException.invalid("authenticator", authenticator, target, "supported: "
          + String.join(", ", AUTHENTICATORS.stream().sorted().toList()) + ", or an https:// Okta URL");
    }
    if ((okta || NEED_PASSWORD.contains(authenticator)) && password == null) {
      throw ProfileException.missing("password (authenticator " + authenticator + ")", target);
    }
    if (authenticator.equals("snowflake_jwt") && keyPath == null) {
      throw ProfileException.missing("private_key_path (authenticator snowflake_jwt)", target);
    }
    if (keyPath != null && !authenticator.equals("snowflake_jwt")) {
      throw ProfileException.invalid("private_key_path", keyPath, target,
          "needs authenticator: snowflake_jwt, or none, not " + authenticator);
    }
    if (NEED_TOKEN.contains(authenticator) && token == null) {
      throw ProfileException.missing("token (authenticator " + authenticator + ")", target);
    }
    if (token != null && !NEED_TOKEN.contains(authenticator)) {
      throw ProfileException.invalid("token", "****", target, "not used by authenticator " + authenticator);
    }
  }
}
