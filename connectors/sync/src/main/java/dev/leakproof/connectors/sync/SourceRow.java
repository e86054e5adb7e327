package dev.leakproof.connectors.sync;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model row ready to send: its key, its destination fields with their texts (in mapping order),
 * and their hash.
 */
public record SourceRow(String key, Map<String, String> fields, String hash) {

  public SourceRow {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public static SourceRow of(String key, Map<String, String> fields) {
    return new SourceRow(key, fields, Values.hash(fields));
  }
}
