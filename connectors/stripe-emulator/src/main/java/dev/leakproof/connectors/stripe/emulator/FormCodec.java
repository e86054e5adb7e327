package dev.leakproof.connectors.stripe.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes Stripe's v1 {@code application/x-www-form-urlencoded} bodies and query strings with bracket
 * notation into nested maps: {@code payload[value]=3} becomes {@code {payload={value=3}}}, and
 * {@code expand[]=a} or {@code expand[0]=a} become lists. Leaf values stay strings.
 */
final class FormCodec {

  private FormCodec() {
  }

  /**
   * The decoded parameters in arrival order.
   *
   * @throws ApiError if a key's brackets do not balance or a name is used both as a value and an object
   */
  static Map<String, Object> decode(String text) {
    Map<String, Object> root = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return root;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decodePart(eq < 0 ? pair : pair.substring(0, eq));
      String value = decodePart(eq < 0 ? "" : pair.substring(eq + 1));
      put(root, key, value);
    }
    return listify(root);
  }

  private static void put(Map<String, Object> root, String key, String value) {
    List<String> path = path(key);
    Map<String, Object> node = root;
    for (int i = 0; i < path.size() - 1; i++) {
      Object child = node.computeIfAbsent(path.get(i), k -> new LinkedHashMap<String, Object>());
      if (!(child instanceof Map)) {
        throw ApiError.invalid("parameter_invalid_string", "Invalid " + key + ": " + path.get(i) + " is both a value and an object", key);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> next = (Map<String, Object>) child;
      node = next;
    }
    String last = path.get(path.size() - 1);
    node.put(last.isEmpty() ? Integer.toString(node.size()) : last, value);
  }

  private static List<String> path(String key) {
    List<String> out = new ArrayList<>();
    int open = key.indexOf('[');
    if (open < 0) {
      out.add(key);
      return out;
    }
    out.add(key.substring(0, open));
    int i = open;
    while (i < key.length()) {
      int close = key.indexOf(']', i);
      if (key.charAt(i) != '[' || close < 0) {
        throw ApiError.invalid("parameter_invalid_string", "Invalid parameter name: " + key + " (unbalanced brackets)", key);
      }
      out.add(key.substring(i + 1, close));
      i = close + 1;
    }
    return out;
  }

  /** Turns every map whose keys are 0..n-1 into a list, depth first. */
  private static Map<String, Object> listify(Map<String, Object> map) {
    map.replaceAll((k, v) -> v instanceof Map<?, ?> m ? listifyValue(m) : v);
    return map;
  }

  @SuppressWarnings("unchecked")
  private static Object listifyValue(Map<?, ?> raw) {
    Map<String, Object> map = listify((Map<String, Object>) raw);
    if (map.isEmpty()) {
      return map;
    }
    for (int i = 0; i < map.size(); i++) {
      if (!map.containsKey(Integer.toString(i))) {
        return map;
      }
    }
    List<Object> list = new ArrayList<>(map.size());
    for (int i = 0; i < map.size(); i++) {
      list.add(map.get(Integer.toString(i)));
    }
    return list;
  }

  private static String decodePart(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
