package dev.leakproof.sql.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Writes a profiles.yml with one Snowflake output, {@code prod}, and loads it (test fixture). */
public final class SnowflakeProfiles {

  /** The password the fixture uses; tests assert it never shows up in text. */
  public static final String PASSWORD = "Tr0ub4dor&3-never-print-me";

  private SnowflakeProfiles() {}

  /** A valid password-authenticated output; an override with a null value removes the key. */
  public static Map<String, String> base() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("type", "snowflake");
    values.put("account", "myorg-leakproof");
    values.put("user", "LOADER");
    values.put("password", "{{ env_var('SNOWFLAKE_PASSWORD') }}");
    values.put("role", "TRANSFORMER");
    values.put("warehouse", "TRANSFORMING");
    values.put("database", "ANALYTICS");
    values.put("schema", "LEAKPROOF");
    values.put("threads", "4");
    return values;
  }

  /** The environment the fixture reads: the password and nothing else. */
  public static Function<String, String> env() {
    return Map.of("SNOWFLAKE_PASSWORD", PASSWORD)::get;
  }

  /** Writes {@code base()} with the overrides to {@code dir/profiles.yml} as output {@code prod}. */
  public static Path write(Path dir, Map<String, String> overrides) {
    return write(dir, "prod", overrides);
  }

  /** Writes {@code base()} with the overrides to {@code dir/profiles.yml} as the named output. */
  public static Path write(Path dir, String output, Map<String, String> overrides) {
    Map<String, String> values = base();
    overrides.forEach((k, v) -> {
      if (v == null) {
        values.remove(k);
      } else {
        values.put(k, v);
      }
    });
    StringBuilder yaml = new StringBuilder("leakproof:\n  target: " + output + "\n  outputs:\n    " + output + ":\n");
    values.forEach((k, v) -> yaml.append("      ").append(k).append(": '")
        .append(v.replace("'", "''")).append("'\n"));
    try {
      return Files.writeString(dir.resolve("profiles.yml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes and loads the output. */
  public static SnowflakeTarget load(Path dir, Map<String, String> overrides) {
    return (SnowflakeTarget) Profiles.load(write(dir, overrides), "leakproof", null, env());
  }
}
