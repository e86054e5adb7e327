package dev.leakproof.sql.jinja;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.leakproof.sql.template.Py;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** dbt's {@code fromjson}, {@code fromyaml} and {@code toyaml}: template values to and from text. */
final class Serialization {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private Serialization() {}

  static Object fromJson(String text, Object fallback) {
    try {
      return template(JSON.readValue(text, Object.class));
    } catch (java.io.IOException e) {
      return fallback;
    }
  }

  static Object fromYaml(String text, Object fallback) {
    try {
      return template(YAML.readValue(text, Object.class));
    } catch (java.io.IOException e) {
      return fallback;
    }
  }

  static String toYaml(Object value, boolean sortKeys) {
    try {
      return YAML.writeValueAsString(plain(value, sortKeys));
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** Parsed JSON/YAML as template values: Integer as Long, collections mutable. */
  static Object template(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(template(k), template(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(template(x)));
      return out;
    }
    return Py.wrap(v);
  }

  private static Object plain(Object v, boolean sortKeys) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = sortKeys ? new TreeMap<>() : new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(Py.str(k), plain(x, sortKeys)));
      return out;
    }
    if (v instanceof java.util.Collection<?> c) {
      List<Object> out = new ArrayList<>();
      c.forEach(x -> out.add(plain(x, sortKeys)));
      return out;
    }
    if (v == null || v instanceof Boolean || v instanceof Number || v instanceof String) {
      return v;
    }
    return Py.str(v);
  }
}
