package dev.leakproof.sql.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Jinja2's built-in filters, with their arguments and Python semantics ({@code join}, {@code map}, ...). */
public final class Filters {

  /** A filter: the value on the left of {@code |}, then the filter's own arguments. */
  @FunctionalInterface
  public interface FilterFunction {
    Object apply(Interpreter interpreter, Object value, List<Object> args, Map<String, Object> kwargs);
  }

  private Filters() {}

  static void register(Map<String, FilterFunction> f) {
    f.put("abs", (in, v, a, k) -> {
      Object n = defined(v);
      return Py.truthy(Py.compare(n, 0L, "<") < 0) ? Py.neg(n) : n;
    });
    f.put("attr", (in, v, a, k) -> {
      Object r = Py.getattr(v, Py.str(a.get(0)));
      return r == Py.MISSING ? new Undefined("'" + Py.typeName(v) + " object' has no attribute '" + a.get(0) + "'") : r;
    });
    f.put("batch", (in, v, a, k) -> {
      int size = Args.integer(Args.required("batch", a, k, 0, "linecount"), "linecount");
      Object fill = Args.get(a, k, 1, "fill_with", null);
      List<Object> out = new ArrayList<>();
      List<Object> current = new ArrayList<>();
      for (Object item : Py.iterate(v)) {
        current.add(item);
        if (current.size() == size) {
          out.add(current);
          current = new ArrayList<>();
        }
      }
      if (!current.isEmpty()) {
        while (fill != null && current.size() < size) {
          current.add(fill);
        }
        out.add(current);
      }
      return out;
    });
    f.put("capitalize", (in, v, a, k) -> {
      String s = Py.str(v);
      return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
    });
    f.put("center", (in, v, a, k) -> {
      int width = Args.integer(Args.get(a, k, 0, "width", 80L), "width");
      String s = Py.str(v);
      int missing = width - s.length();
      if (missing <= 0) {
        return s;
      }
      int left = missing / 2 + (missing & width & 1);
      return " ".repeat(left) + s + " ".repeat(missing - left);
    });
    FilterFunction length = (in, v, a, k) -> (long) Py.len(v);
    f.put("count", length);
    f.put("length", length);
    FilterFunction dflt = (in, v, a, k) -> {
      Object fallback = Args.get(a, k, 0, "default_value", "");
      boolean bool = Py.truthy(Args.get(a, k, 1, "boolean", false));
      return v instanceof Undefined || (bool && !Py.truthy(v)) ? fallback : v;
    };
    f.put("default", dflt);
    f.put("d", dflt);
    f.put("dictsort", (in, v, a, k) -> {
      boolean cs = Py.truthy(Args.get(a, k, 0, "case_sensitive", false));
      boolean byValue = "value".equals(Args.get(a, k, 1, "by", "key"));
      boolean reverse = Py.truthy(Args.get(a, k, 2, "reverse", false));
      List<Object> items = new ArrayList<>();
      ((Map<?, ?>) v).forEach((key, val) -> items.add(PyTuple.of(key, val)));
      Comparator<Object> cmp = (x, y) -> Py.compare(sortKey(((List<?>) x).get(byValue ? 1 : 0), cs),
          sortKey(((List<?>) y).get(byValue ? 1 : 0), cs), "<");
      items.sort(reverse ? cmp.reversed() : cmp);
      return items;
    });
    FilterFunction escape = (in, v, a, k) -> Py.str(v).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&#34;").replace("'", "&#39;");
    f.put("escape", escape);
    f.put("e", escape);
    f.put("forceescape", escape);
    f.put("first", (in, v, a, k) -> {
      List<Object> items = Py.iterate(v);
      return items.isEmpty() ? new Undefined("No first item, sequence was empty.") : items.get(0);
    });
    f.put("last", (in, v, a, k) -> {
      List<Object> items = Py.iterate(v);
      return items.isEmpty() ? new Undefined("No last item, sequence was empty.") : items.get(items.size() - 1);
    });
    f.put("float", (in, v, a, k) -> {
      try {
        return Py.toFloat(v);
      } catch (TemplateException e) {
        return Args.get(a, k, 0, "default", 0.0);
      }
    });
    f.put("int", (in, v, a, k) -> {
      try {
        int base = Args.integer(Args.get(a, k, 1, "base", 10L), "base");
        if (Py.isString(v) && base != 10) {
          return Py.intResult(new java.math.BigInteger(Py.str(v).strip().replaceFirst("^0[xXoObB]", ""), base));
        }
        if (Py.isString(v) && Py.str(v).strip().matches("[-+]?\\d*\\.\\d*([eE][-+]?\\d+)?")) {
          return Py.toInt(Py.toFloat(v));
        }
        return Py.toInt(v);
      } catch (TemplateException | NumberFormatException e) {
        return Args.get(a, k, 0, "default", 0L);
      }
    });
    f.put("format", (in, v, a, k) -> Py.mod(Py.str(v), k.isEmpty() ? new PyTuple(a) : new LinkedHashMap<>(k)));
    f.put("groupby", (in, v, a, k) -> {
      String attribute = Py.str(Args.required("groupby", a, k, 0, "attribute"));
      Object fallback = Args.get(a, k, 1, "default", Py.MISSING);
      Map<Object, List<Object>> groups = new LinkedHashMap<>();
      List<Object> items = new ArrayList<>(Py.iterate(v));
      items.sort((x, y) -> Py.compare(path(x, attribute, fallback), path(y, attribute, fallback), "<"));
      for (Object item : items) {
        Object key = path(item, attribute, fallback);
        Object found = null;
        for (Object existing : groups.keySet()) {
          if (Py.eq(existing, key)) {
            found = existing;
          }
        }
        groups.computeIfAbsent(found == null ? key : found, x -> new ArrayList<>()).add(item);
      }
      List<Object> out = new ArrayList<>();
      groups.forEach((key, list) -> out.add(PyTuple.of(key, list)));
      return out;
    });
    f.put("indent", (in, v, a, k) -> {
      Object width = Args.get(a, k, 0, "width", 4L);
      String pad = Py.isString(width) ? Py.str(width) : " ".repeat(Args.integer(width, "width"));
      boolean first = Py.truthy(Args.get(a, k, 1, "first", false));
      boolean blank = Py.truthy(Args.get(a, k, 2, "blank", false));
      String[] lines = Py.str(v).split("\n", -1);
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < lines.length; i++) {
        if (i > 0) {
          out.append('\n');
        }
        boolean indent = (i > 0 || first) && (blank || !lines[i].isBlank());
        out.append(indent ? pad : "").append(lines[i]);
      }
      return out.toString();
    });
    f.put("items", (in, v, a, k) -> {
      if (v instanceof Undefined) {
        return List.of();
      }
      List<Object> items = new ArrayList<>();
      ((Map<?, ?>) v).forEach((key, val) -> items.add(PyTuple.of(key, val)));
      return items;
    });
    f.put("join", (in, v, a, k) -> {
      String sep = Py.str(Args.get(a, k, 0, "d", ""));
      Object attribute = Args.get(a, k, 1, "attribute", null);
      return joinExact(v, sep, attribute);
    });
    f.put("list", (in, v, a, k) -> new ArrayList<>(Py.iterate(v)));
    f.put("lower", (in, v, a, k) -> Py.str(v).toLowerCase(Locale.ROOT));
    f.put("upper", (in, v, a, k) -> Py.str(v).toUpperCase(Locale.ROOT));
    f.put("map", (in, v, a, k) -> {
      List<Object> out = new ArrayList<>();
      if (k.containsKey("attribute")) {
        String attribute = Py.str(k.get("attribute"));
        Object fallback = k.containsKey("default") ? k.get("default") : Py.MISSING;
        for (Object item : Py.iterate(v)) {
          out.add(path(item, attribute, fallback));
        }
        return out;
      }
      String name = Py.str(Args.required("map", a, k, 0, "filter"));
      FilterFunction filter = in.environment().filter(name);
      if (filter == null) {
        throw new TemplateException("No filter named '" + name + "'.");
      }
      List<Object> rest = a.subList(1, a.size());
      for (Object item : Py.iterate(v)) {
        out.add(filter.apply(in, item, rest, k));
      }
      return out;
    });
    f.put("max", (in, v, a, k) -> extreme(v, a, k, 1));
    f.put("min", (in, v, a, k) -> extreme(v, a, k, -1));
    f.put("pprint", (in, v, a, k) -> Py.repr(v));
    f.put("reject", (in, v, a, k) -> select(in, v, a, k, false, false));
    f.put("select", (in, v, a, k) -> select(in, v, a, k, true, false));
    f.put("rejectattr", (in, v, a, k) -> select(in, v, a, k, false, true));
    f.put("selectattr", (in, v, a, k) -> select(in, v, a, k, true, true));
    f.put("replace", (in, v, a, k) -> {
      String s = Py.str(v);
      String old = Py.str(a.get(0));
      String replacement = Py.str(a.get(1));
      Object count = Args.get(a, k, 2, "count", null);
      return count == null ? s.replace(old, replacement)
          : PyMethods.method(s, "replace").call(in, List.of(old, replacement, count), Map.of());
    });
    f.put("reverse", (in, v, a, k) -> {
      if (Py.isString(v)) {
        return new StringBuilder(Py.str(v)).reverse().toString();
      }
      List<Object> items = new ArrayList<>(Py.iterate(v));
      java.util.Collections.reverse(items);
      return items;
    });
    f.put("round", (in, v, a, k) -> {
      int precision = Args.integer(Args.get(a, k, 0, "precision", 0L), "precision");
      String method = Py.str(Args.get(a, k, 1, "method", "common"));
      double value = Py.toFloat(v);
      return switch (method) {
        case "common" -> Py.round(value, precision);
        case "ceil" -> Math.ceil(value * Math.pow(10, precision)) / Math.pow(10, precision);
        case "floor" -> Math.floor(value * Math.pow(10, precision)) / Math.pow(10, precision);
        default -> throw new TemplateException("method must be common, ceil or floor");
      };
    });
    f.put("safe", (in, v, a, k) -> v);
    f.put("slice", (in, v, a, k) -> {
      int slices = Args.integer(a.get(0), "slices");
      Object fill = Args.get(a, k, 1, "fill_with", null);
      List<Object> items = Py.iterate(v);
      int per = items.size() / slices;
      int extra = items.size() % slices;
      List<Object> out = new ArrayList<>();
      int offset = 0;
      for (int i = 0; i < slices; i++) {
        int start = offset + i * per;
        if (i < extra) {
          offset++;
        }
        int end = offset + (i + 1) * per;
        List<Object> part = new ArrayList<>(items.subList(start, end));
        if (fill != null && i >= extra) {
          part.add(fill);
        }
        out.add(part);
      }
      return out;
    });
    f.put("sort", (in, v, a, k) -> {
      boolean reverse = Py.truthy(Args.get(a, k, 0, "reverse", false));
      boolean cs = Py.truthy(Args.get(a, k, 1, "case_sensitive", false));
      Object attribute = Args.get(a, k, 2, "attribute", null);
      List<Object> items = new ArrayList<>(Py.iterate(v));
      Comparator<Object> cmp = (x, y) -> Py.compare(sortKey(attribute == null ? x : path(x, Py.str(attribute), null), cs),
          sortKey(attribute == null ? y : path(y, Py.str(attribute), null), cs), "<");
      items.sort(reverse ? cmp.reversed() : cmp);
      return items;
    });
    f.put("string", (in, v, a, k) -> Py.str(v));
    f.put("striptags", (in, v, a, k) -> Py.str(v).replaceAll("<[^>]*>", "").replaceAll("\\s+", " ").strip());
    f.put("sum", (in, v, a, k) -> {
      Object attribute = Args.get(a, k, 0, "attribute", null);
      Object total = Args.get(a, k, 1, "start", 0L);
      for (Object item : Py.iterate(v)) {
        total = Py.add(total, attribute == null ? item : path(item, Py.str(attribute), Py.MISSING));
      }
      return total;
    });
    f.put("title", (in, v, a, k) -> PyMethods.title(Py.str(v)));
    f.put("tojson", (in, v, a, k) -> toJson(v, Args.get(a, k, 0, "indent", null)).replace("<", "\\u003c")
        .replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027"));
    f.put("trim", (in, v, a, k) -> PyMethods.strip(Py.str(v), Args.get(a, k, 0, "chars", null), true, true));
    f.put("truncate", (in, v, a, k) -> {
      String s = Py.str(v);
      int len = Args.integer(Args.get(a, k, 0, "length", 255L), "length");
      boolean killwords = Py.truthy(Args.get(a, k, 1, "killwords", false));
      String end = Py.str(Args.get(a, k, 2, "end", "..."));
      int leeway = Args.integer(Args.get(a, k, 3, "leeway", 5L), "leeway");
      if (s.length() <= len + leeway) {
        return s;
      }
      if (killwords) {
        return s.substring(0, len - end.length()) + end;
      }
      String cut = s.substring(0, len - end.length());
      int space = cut.lastIndexOf(' ');
      return (space >= 0 ? cut.substring(0, space) : cut) + end;
    });
    f.put("unique", (in, v, a, k) -> {
      boolean cs = Py.truthy(Args.get(a, k, 0, "case_sensitive", false));
      Object attribute = Args.get(a, k, 1, "attribute", null);
      List<Object> out = new ArrayList<>();
      List<Object> seen = new ArrayList<>();
      for (Object item : Py.iterate(v)) {
        Object key = sortKey(attribute == null ? item : path(item, Py.str(attribute), null), cs);
        if (!Py.contains(seen, key)) {
          seen.add(key);
          out.add(item);
        }
      }
      return out;
    });
    f.put("urlencode", (in, v, a, k) -> java.net.URLEncoder.encode(Py.str(v), java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20"));
    f.put("wordcount", (in, v, a, k) -> (long) PyMethods.split(Py.str(v), null, -1).size());
    f.put("wordwrap", (in, v, a, k) -> {
      int width = Args.integer(Args.get(a, k, 0, "width", 79L), "width");
      StringBuilder out = new StringBuilder();
      int col = 0;
      for (Object word : PyMethods.split(Py.str(v), null, -1)) {
        String w = Py.str(word);
        if (col > 0 && col + 1 + w.length() > width) {
          out.append('\n');
          col = 0;
        } else if (col > 0) {
          out.append(' ');
          col++;
        }
        out.append(w);
        col += w.length();
      }
      return out.toString();
    });
    f.put("xmlattr", (in, v, a, k) -> {
      StringBuilder out = new StringBuilder();
      ((Map<?, ?>) v).forEach((key, val) -> {
        if (val != null && !(val instanceof Undefined)) {
          out.append(' ').append(Py.str(key)).append("=\"").append(escape.apply(in, val, List.of(), Map.of()))
              .append('"');
        }
      });
      return out.toString();
    });
  }

  private static String joinExact(Object v, String sep, Object attribute) {
    StringBuilder out = new StringBuilder();
    boolean first = true;
    for (Object item : Py.iterate(v)) {
      if (!first) {
        out.append(sep);
      }
      first = false;
      out.append(Py.str(attribute == null ? item : path(item, Py.str(attribute), Py.MISSING)));
    }
    return out.toString();
  }

  private static Object defined(Object v) {
    if (v instanceof Undefined u) {
      throw u.error();
    }
    return v;
  }

  /** An attribute path {@code a.b.0} as Jinja's filters read {@code attribute=}. */
  static Object path(Object item, String attribute, Object fallback) {
    Object v = item;
    for (String part : attribute.split("\\.")) {
      Object next = part.matches("\\d+") ? Py.getitem(v, Long.valueOf(part)) : Py.getitem(v, part);
      if (next == Py.MISSING) {
        if (fallback != Py.MISSING) {
          return fallback;
        }
        return new Undefined("'" + Py.typeName(v) + " object' has no attribute '" + part + "'");
      }
      v = next;
    }
    return v;
  }

  private static Object sortKey(Object v, boolean caseSensitive) {
    return !caseSensitive && Py.isString(v) ? Py.str(v).toLowerCase(Locale.ROOT) : v;
  }

  private static Object extreme(Object v, List<Object> a, Map<String, Object> k, int sign) {
    boolean cs = Py.truthy(Args.get(a, k, 0, "case_sensitive", false));
    Object attribute = Args.get(a, k, 1, "attribute", null);
    Object best = null;
    boolean any = false;
    for (Object item : Py.iterate(v)) {
      Object key = sortKey(attribute == null ? item : path(item, Py.str(attribute), null), cs);
      if (!any || Py.compare(key, sortKey(attribute == null ? best : path(best, Py.str(attribute), null), cs), "<")
          * sign > 0) {
        best = item;
        any = true;
      }
    }
    return any ? best : new Undefined("No aggregated item, sequence was empty.");
  }

  private static Object select(Interpreter in, Object v, List<Object> a, Map<String, Object> k, boolean keep,
      boolean byAttribute) {
    List<Object> out = new ArrayList<>();
    int offset = byAttribute ? 1 : 0;
    String attribute = byAttribute ? Py.str(a.get(0)) : null;
    Tests.TestFunction test = null;
    List<Object> testArgs = List.of();
    if (a.size() > offset) {
      String name = Py.str(a.get(offset));
      test = in.environment().test(name);
      if (test == null) {
        throw new TemplateException("No test named '" + name + "'.");
      }
      testArgs = a.subList(offset + 1, a.size());
    }
    for (Object item : Py.iterate(v)) {
      Object subject = byAttribute ? path(item, attribute, null) : item;
      boolean ok = test == null ? Py.truthy(subject) : test.test(in, subject, testArgs, Map.of());
      if (ok == keep) {
        out.add(item);
      }
    }
    return out;
  }

  /** JSON text as Python's {@code json.dumps} writes it ({@code ", "} and {@code ": "}, ASCII only). */
  public static String toJson(Object v, Object indent) {
    StringBuilder out = new StringBuilder();
    json(plain(v), out, indent == null ? -1 : Args.integer(indent, "indent"), 0, false);
    return out.toString();
  }

  /** Like {@link #toJson}, keys sorted when asked. */
  public static String toJson(Object v, Object indent, boolean sortKeys) {
    StringBuilder out = new StringBuilder();
    json(plain(v), out, indent == null ? -1 : Args.integer(indent, "indent"), 0, sortKeys);
    return out.toString();
  }

  private static void json(Object v, StringBuilder out, int indent, int level, boolean sortKeys) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      out.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : Py.floatRepr(d));
    } else if (v instanceof Number n) {
      out.append(n instanceof BigDecimal d ? d.toString() : String.valueOf(n));
    } else if (v instanceof Map<?, ?> m) {
      List<Object> keys = new ArrayList<>(m.keySet());
      if (sortKeys) {
        keys.sort((x, y) -> Py.compare(x, y, "<"));
      }
      out.append('{');
      for (int i = 0; i < keys.size(); i++) {
        out.append(i == 0 ? "" : indent >= 0 ? "," : ", ");
        newline(out, indent, level + 1);
        jsonString(Py.str(keys.get(i)), out);
        out.append(": ");
        json(m.get(keys.get(i)), out, indent, level + 1, sortKeys);
      }
      if (!keys.isEmpty()) {
        newline(out, indent, level);
      }
      out.append('}');
    } else if (v instanceof List<?> l) {
      out.append('[');
      for (int i = 0; i < l.size(); i++) {
        out.append(i == 0 ? "" : indent >= 0 ? "," : ", ");
        newline(out, indent, level + 1);
        json(l.get(i), out, indent, level + 1, sortKeys);
      }
      if (!l.isEmpty()) {
        newline(out, indent, level);
      }
      out.append(']');
    } else {
      jsonString(Py.str(v), out);
    }
  }

  private static void newline(StringBuilder out, int indent, int level) {
    if (indent >= 0) {
      out.append('\n').append(" ".repeat(indent * level));
    }
  }

  private static void jsonString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7f) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** A value as plain Java collections and scalars, for JSON and YAML. */
  static Object plain(Object v) {
    v = Py.wrap(v);
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((key, val) -> out.put(Py.str(key), plain(val)));
      return out;
    }
    if (v instanceof Set<?> s) {
      List<Object> out = new ArrayList<>();
      s.forEach(x -> out.add(plain(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(plain(x)));
      return out;
    }
    if (v == null || v instanceof Boolean || v instanceof Number || v instanceof String) {
      return v;
    }
    if (v instanceof Undefined) {
      return null;
    }
    return Py.str(v);
  }
}
