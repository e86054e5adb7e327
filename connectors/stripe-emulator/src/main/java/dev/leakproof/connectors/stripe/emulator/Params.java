package dev.leakproof.connectors.stripe.emulator;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed access to decoded v1 parameters, refusing bad values the way Stripe does: a 400
 * {@code invalid_request_error} whose {@code param} names the offending parameter in bracket notation.
 */
final class Params {

  private final Map<String, Object> values;

  Params(Map<String, Object> values) {
    this.values = values;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  /** The string value, or null when absent; an empty string stays empty (Stripe's "unset"). */
  String string(String name) {
    Object v = values.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw ApiError.invalid("parameter_invalid_string", "Invalid " + name + ": expected a string, got an object or list", name);
    }
    return s;
  }

  String required(String name) {
    String v = string(name);
    if (v == null || v.isEmpty()) {
      throw ApiError.missing(name);
    }
    return v;
  }

  /** The integer value, or null when absent or empty. */
  Long integer(String name) {
    String v = string(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw ApiError.invalid("parameter_invalid_integer", "Invalid integer: " + v, name);
    }
  }

  long requiredInteger(String name) {
    Long v = integer(name);
    if (v == null) {
      throw ApiError.missing(name);
    }
    return v;
  }

  BigDecimal decimal(String name) {
    String v = string(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(v.trim());
    } catch (NumberFormatException e) {
      throw ApiError.invalid("parameter_invalid_decimal", "Invalid decimal: " + v, name);
    }
  }

  /** A nested object as parameters ({@code period[start]} is {@code nested("period").integer("start")}). */
  Params nested(String name) {
    Map<String, String> map = stringMap(name);
    return new Params(map == null ? Map.of() : new LinkedHashMap<>(map));
  }

  /**
   * A nested object of strings such as {@code metadata[...]} or {@code payload[...]}, or null when absent;
   * {@code name=} (empty) yields an empty map.
   */
  Map<String, String> stringMap(String name) {
    Object v = values.get(name);
    if (v == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (v instanceof String s) {
      if (s.isEmpty()) {
        return out;
      }
      throw ApiError.invalid("parameter_invalid_object", "Invalid " + name + ": expected an object, got '" + s + "'", name);
    }
    if (v instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        out.put(Integer.toString(i), leaf(name + "[" + i + "]", list.get(i)));
      }
      return out;
    }
    for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
      out.put(e.getKey().toString(), leaf(name + "[" + e.getKey() + "]", e.getValue()));
    }
    return out;
  }

  private static String leaf(String param, Object v) {
    if (v instanceof String s) {
      return s;
    }
    throw ApiError.invalid("parameter_invalid_string", "Invalid " + param + ": expected a string, got an object or list", param);
  }
}
