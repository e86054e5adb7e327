package dev.leakproof.sql.profile;

import dev.leakproof.core.Secret;
import java.util.Map;

/** The rendered scalar values of one profiles.yml output, read by key with typed defaults. */
final class OutputValues {

  private final Map<String, String> values;
  private final String target;

  OutputValues(Map<String, String> values, String target) {
    this.values = values;
    this.target = target;
  }

  String target() {
    return target;
  }

  /** The value, or null when the key is absent or blank. */
  String string(String key) {
    String v = values.get(key);
    return v == null || v.isBlank() ? null : v.trim();
  }

  String string(String key, String fallback) {
    String v = string(key);
    return v != null ? v : fallback;
  }

  Secret secret(String key) {
    String v = string(key);
    return v == null ? null : Secret.of(v);
  }

  int integer(String key, int fallback) {
    String v = string(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw ProfileException.invalid(key, v, target, "must be an integer");
    }
  }
}
