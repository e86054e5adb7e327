package dev.leakproof.connectors.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Destination fields as the ledger stores them: a JSON object of field to text, in field order. */
final class FieldsJson {

  static final String EMPTY = "{}";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, String>> FIELDS = new TypeReference<>() { };

  private FieldsJson() {}

  static String write(Map<String, String> fields) {
    if (fields.isEmpty()) {
      return EMPTY;
    }
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write fields as JSON: " + e.getMessage(), e);
    }
  }

  static Map<String, String> read(String json) {
    if (json == null || json.isEmpty() || json.equals(EMPTY)) {
      return Map.of();
    }
    try {
      return Collections.unmodifiableMap(JSON.readValue(json, FIELDS));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot read ledger fields: " + e.getOriginalMessage());
    }
  }
}
