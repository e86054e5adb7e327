package dev.leakproof.connectors.stripe.emulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stripe's {@code metadata}: at most 50 keys of up to 40 characters, values of up to 500. On update,
 * keys merge into the existing set, {@code metadata[key]=} removes a key and {@code metadata=} clears all.
 */
final class Metadata {

  private Metadata() {
  }

  /** The metadata of a new object. */
  static Map<String, String> create(Params params) {
    return merge(Map.of(), params);
  }

  /**
   * The existing metadata with the request's changes applied (unchanged if it sends none).
   *
   * @throws ApiError 400 if a limit is exceeded
   */
  static Map<String, String> merge(Map<String, String> existing, Params params) {
    Map<String, String> changes = params.stringMap("metadata");
    if (changes == null) {
      return existing;
    }
    Map<String, String> out = new LinkedHashMap<>(changes.isEmpty() ? Map.of() : existing);
    for (Map.Entry<String, String> e : changes.entrySet()) {
      String key = e.getKey();
      if (key.isEmpty() || key.length() > 40) {
        throw ApiError.invalid("parameter_invalid_string", "Invalid metadata key: '" + key + "' (1 to 40 characters)", "metadata[" + key + "]");
      }
      if (e.getValue().length() > 500) {
        throw ApiError.invalid("parameter_invalid_string", "Invalid metadata[" + key + "]: " + e.getValue().length()
            + " characters (at most 500)", "metadata[" + key + "]");
      }
      if (e.getValue().isEmpty()) {
        out.remove(key);
      } else {
        out.put(key, e.getValue());
      }
    }
    if (out.size() > 50) {
      throw ApiError.invalid("parameter_invalid_object", "Invalid metadata: " + out.size() + " keys (at most 50)", "metadata");
    }
    return Collections.unmodifiableMap(out);
  }
}
