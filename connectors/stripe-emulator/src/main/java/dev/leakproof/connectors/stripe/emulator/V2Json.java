package dev.leakproof.connectors.stripe.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading v2 JSON request fields, refusing wrong types with a 400 naming the field ({@code events[3].payload}). */
final class V2Json {

  private V2Json() {
  }

  static String requiredString(JsonNode node, String field, String path) {
    String value = optionalString(node, field, path);
    if (value == null || value.isEmpty()) {
      throw ApiError.missing(path + field);
    }
    return value;
  }

  static String optionalString(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw ApiError.invalid("parameter_invalid_string", "Invalid " + path + field + ": expected a string, got " + v.getNodeType(), path + field);
    }
    return v.textValue();
  }

  /** An RFC 3339 timestamp field in epoch milliseconds, or null when absent. */
  static Long optionalTimestamp(JsonNode node, String field, String path) {
    String text = optionalString(node, field, path);
    return text == null ? null : Times.parseRfc3339(text, path + field);
  }

  /** A map of strings; integral numbers are accepted and kept as their decimal text. */
  static Map<String, String> stringMap(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw ApiError.missing(path + field);
    }
    if (!v.isObject()) {
      throw ApiError.invalid("parameter_invalid_object", "Invalid " + path + field + ": expected an object, got " + v.getNodeType(), path + field);
    }
    Map<String, String> out = new LinkedHashMap<>(4);
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode value = e.getValue();
      if (value.isTextual()) {
        out.put(e.getKey(), value.textValue());
      } else if (value.isIntegralNumber() || value.isNumber()) {
        out.put(e.getKey(), value.asText());
      } else {
        throw ApiError.invalid("parameter_invalid_string", "Invalid " + path + field + "." + e.getKey() + ": expected a string, got "
            + value.getNodeType(), path + field + "." + e.getKey());
      }
    }
    return out;
  }

  /** The object field, or a 400 if it is absent or not an object. */
  static JsonNode object(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw ApiError.missing(path + field);
    }
    if (!v.isObject()) {
      throw ApiError.invalid("parameter_invalid_object", "Invalid " + path + field + ": expected an object, got " + v.getNodeType(), path + field);
    }
    return v;
  }
}
