package dev.leakproof.connectors.api;

import java.util.Locale;

/**
 * A destination setting declared once (Debezium's {@code Field}): its key under the destination's
 * section of the destinations file, its default, its description and whether it is a secret,
 * which is read from the environment only and never printed. The environment variable named by
 * {@link #envVar()} wins over the file.
 */
public interface Setting {

  /** The declaration; destinations declare their settings as enum constants holding one. */
  Field field();

  /** The destination's section of the destinations file: {@code salesforce}. */
  String section();

  /** The key under the section: {@code bulk.max-upload-bytes}. */
  default String key() {
    return field().key();
  }

  /** The full key: {@code salesforce.bulk.max-upload-bytes}. */
  default String fullKey() {
    return section() + "." + field().key();
  }

  /** The environment variable that sets it: {@code SALESFORCE_BULK_MAX_UPLOAD_BYTES}. */
  default String envVar() {
    return fullKey().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The default, or null when the setting has none. */
  default String defaultValue() {
    return field().defaultValue();
  }

  default String description() {
    return field().description();
  }

  default boolean isSecret() {
    return field().secret();
  }

  /** One setting's declaration. */
  record Field(String key, String defaultValue, String description, boolean secret) {

    public Field {
      if (key == null || key.isBlank() || description == null) {
        throw new IllegalArgumentException("A setting needs a key and a description");
      }
    }

    public static Field of(String key, String defaultValue, String description) {
      return new Field(key, defaultValue, description, false);
    }

    public static Field secret(String key, String description) {
      return new Field(key, null, description, true);
    }
  }
}
