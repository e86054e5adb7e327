package dev.leakproof.sql.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one output of a profile from profiles.yml as dbt does: the output named by the caller or
 * by the profile's {@code target:} key, its values rendered through {@code env_var}.
 */
public final class Profiles {

  private static final Set<String> SECRET_KEYS =
      Set.of("password", "private_key_passphrase", "private_key", "token");

  private Profiles() {}

  /**
   * Loads and validates an output.
   *
   * @param targetName the output to use, or null for the profile's {@code target:}
   * @param env the environment {@code env_var} reads ({@code System::getenv} outside tests)
   * @throws ProfileException when the file, profile, output or a value is missing or invalid
   */
  public static ProfileTarget load(Path file, String profileName, String targetName,
      Function<String, String> env) {
    JsonNode root = read(file);
    JsonNode profile = root.get(profileName);
    if (profile == null || !profile.isObject() || "config".equals(profileName)) {
      throw new ProfileException("Cannot find profile '" + profileName + "' in " + file
          + " (profiles: " + String.join(", ", profileNames(root)) + ")");
    }
    String target = targetName;
    if (target == null) {
      String declared = profile.path("target").isValueNode() ? profile.path("target").asText() : null;
      target = EnvVars.render(declared, env, "target", "profiles.yml, profile " + profileName);
      if (target == null || target.isBlank()) {
        throw new ProfileException("Missing key: target (profiles.yml, profile " + profileName
            + "; or pass a target name)");
      }
    }
    JsonNode outputs = profile.path("outputs");
    JsonNode output = outputs.get(target);
    if (output == null || !output.isObject()) {
      List<String> names = new ArrayList<>();
      outputs.fieldNames().forEachRemaining(names::add);
      throw new ProfileException("Cannot find target '" + target + "' in profile '" + profileName
          + "' (targets: " + String.join(", ", names) + ")");
    }
    OutputValues values = render(output, env, target);
    String type = values.string("type");
    if (type == null) {
      throw ProfileException.missing("type", target);
    }
    return switch (type) {
      case "duckdb" -> duckDb(profileName, values);
      case "snowflake" -> snowflake(profileName, values);
      default -> throw new ProfileException("Invalid target type: " + type + " ("
          + ProfileException.where(target) + "; supported: duckdb, snowflake)");
    };
  }

  /** True for keys whose values are never printed: password, token, key passphrase. */
  static boolean isSecretKey(String key) {
    return SECRET_KEYS.contains(key);
  }

  /** A profiles.yml path: {@code ~/} is the home folder, a relative path is the project folder's. */
  static Path resolve(String path, Path projectDir) {
    if (path.equals("~") || path.startsWith("~/")) {
      return Path.of(System.getProperty("user.home")).resolve(path.substring(Math.min(2, path.length())))
          .normalize();
    }
    return projectDir.toAbsolutePath().resolve(path).normalize();
  }

  private static DuckDbTarget duckDb(String profile, OutputValues v) {
    return new DuckDbTarget(profile, v.target(), v.string("path", DuckDbTarget.IN_MEMORY),
        v.string("schema", DuckDbTarget.DEFAULT_SCHEMA), v.integer("threads", DuckDbTarget.DEFAULT_THREADS),
        v.string("memory_limit", DuckDbTarget.DEFAULT_MEMORY_LIMIT));
  }

  private static SnowflakeTarget snowflake(String profile, OutputValues v) {
    if (v.string("private_key") != null) {
      throw ProfileException.invalid("private_key", "****", v.target(),
          "inline keys are not supported, use private_key_path");
    }
    return new SnowflakeTarget(profile, v.target(), v.string("account"), v.string("user"),
        v.secret("password"), v.string("private_key_path"), v.secret("private_key_passphrase"),
        v.string("authenticator"), v.secret("token"), v.string("role"), v.string("warehouse"),
        v.string("database"), v.string("schema"), v.integer("threads", SnowflakeTarget.DEFAULT_THREADS),
        v.string("host"), v.integer("port", SnowflakeTarget.DEFAULT_PORT), v.string("query_tag"),
        v.integer("connect_timeout", SnowflakeTarget.DEFAULT_CONNECT_TIMEOUT));
  }

  private static OutputValues render(JsonNode output, Function<String, String> env, String target) {
    Map<String, String> values = new LinkedHashMap<>();
    output.fields().forEachRemaining(e -> {
      if (e.getValue().isValueNode() && !e.getValue().isNull()) {
        values.put(e.getKey(),
            EnvVars.render(e.getValue().asText(), env, e.getKey(), ProfileException.where(target)));
      }
    });
    return new OutputValues(values, target);
  }

  private static JsonNode read(Path file) {
    try {
      JsonNode root = new YAMLMapper().readTree(file.toFile());
      if (root == null || !root.isObject()) {
        throw new ProfileException("Invalid profiles.yml: " + file + " (expected a map of profiles)");
      }
      return root;
    } catch (JsonProcessingException e) {
      // The parser's own message can quote the offending line, which may hold a password.
      JsonLocation at = e.getLocation();
      throw new ProfileException("Invalid profiles.yml: " + file + " (YAML syntax error"
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")");
    } catch (IOException e) {
      throw new ProfileException("Cannot read profiles.yml: " + file + " (" + e.getMessage() + ")", e);
    }
  }

  private static List<String> profileNames(JsonNode root) {
    List<String> names = new ArrayList<>();
    root.fieldNames().forEachRemaining(n -> {
      if (!n.equals("config")) {
        names.add(n);
      }
    });
    return names;
  }
}
