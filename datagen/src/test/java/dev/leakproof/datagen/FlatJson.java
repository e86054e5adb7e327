package dev.leakproof.datagen;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tiny JSON reader for tests: parses one line holding a flat object (string, number, boolean or
 * null values). Returns null for anything else (malformed text, arrays, nested values).
 * Strings are returned as String, numbers as BigDecimal, null as {@link #NULL}.
 */
final class FlatJson {

  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private final String s;
  private int i;

  private FlatJson(String s) {
    this.s = s;
  }

  static Map<String, Object> parse(String line) {
    try {
      FlatJson p = new FlatJson(line);
      Map<String, Object> m = p.object();
      p.ws();
      return p.i == line.length() ? m : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private Map<String, Object> object() {
    ws();
    expect('{');
    Map<String, Object> m = new LinkedHashMap<>();
    ws();
    if (peek() == '}') {
      i++;
      return m;
    }
    while (true) {
      ws();
      String key = string();
      ws();
      expect(':');
      ws();
      m.put(key, value());
      ws();
      char c = s.charAt(i++);
      if (c == '}') {
        return m;
      }
      if (c != ',') {
        throw new IllegalStateException("expected , or }");
      }
    }
  }

  private Object value() {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (s.startsWith("null", i)) {
      i += 4;
      return NULL;
    }
    if (s.startsWith("true", i)) {
      i += 4;
      return Boolean.TRUE;
    }
    if (s.startsWith("false", i)) {
      i += 5;
      return Boolean.FALSE;
    }
    int start = i;
    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    return new BigDecimal(s.substring(start, i));
  }

  private String string() {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = s.charAt(i++);
      if (c == '"') {
        return b.toString();
      }
      if (c == '\\') {
        char e = s.charAt(i++);
        switch (e) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'u' -> {
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> b.append(e);
        }
      } else {
        b.append(c);
      }
    }
  }

  private void ws() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }

  private char peek() {
    return s.charAt(i);
  }

  private void expect(char c) {
    if (s.charAt(i++) != c) {
      throw new IllegalStateException("expected " + c);
    }
  }
}
