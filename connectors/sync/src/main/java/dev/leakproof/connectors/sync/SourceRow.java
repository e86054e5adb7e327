package dev.leakproof.connectors.sync;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model row ready to send: its key, its destination fields with their texts (in mapping order),
 * and the hash of those an update sends.
 */
public record SourceRow(String key, Map<String, String> fields, String hash) {

  public SourceRow {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public static SourceRow of(String key, Map<String, String> fields) {
    return new SourceRow(key, fields, Values.hash(fields));
  }

  /** A row whose hash leaves out the create-only fields, so their changes are not sent. */
  public static SourceRow of(String key, Map<String, String> fields, java.util.List<String> createOnly) {
    if (createOnly.isEmpty()) {
      return of(key, fields);
    }
    Map<String, String> tracked = new LinkedHashMap<>(fields);
    createOnly.forEach(tracked::remove);
    return new SourceRow(key, fields, Values.hash(tracked));
  }
}
