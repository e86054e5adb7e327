package dev.leakproof.sql.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The methods of Python's str, list, tuple, dict and set that templates call:
 * {@code 'a,b'.split(',')}, {@code cols.append(c)}, {@code d.items()}, {@code '{}'.format(x)}.
 */
final class PyMethods {

  private static final Set<String> STR = Set.of("capitalize", "casefold", "center", "count", "endswith", "find",
      "format", "index", "isalnum", "isalpha", "isdecimal", "isdigit", "islower", "isnumeric", "isspace", "istitle",
      "isupper", "join", "ljust", "lower", "lstrip", "partition", "removeprefix", "removesuffix", "replace", "rfind",
      "rindex", "rjust", "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "swapcase",
      "title", "upper", "zfill");
  private static final Set<String> LIST = Set.of("append", "clear", "copy", "count", "extend", "index", "insert",
      "pop", "remove", "reverse", "sort");
  private static final Set<String> TUPLE = Set.of("count", "index");
  private static final Set<String> DICT = Set.of("clear", "copy", "get", "items", "keys", "pop", "popitem",
      "setdefault", "update", "values");
  private static final Set<String> SET = Set.of("add", "clear", "copy", "difference", "discard", "intersection",
      "issubset", "issuperset", "pop", "remove", "union", "update");

  private PyMethods() {}

  /** The bound method, or null when the value's type has no method of that name. */
  static PyCallable method(Object o, String name) {
    if (Py.isString(o) && STR.contains(name)) {
      String s = Py.str(o);
      return (in, args, kw) -> str(s, name, args, kw);
    }
    if (o instanceof PyTuple t && TUPLE.contains(name)) {
      return (in, args, kw) -> list(t, name, args, kw);
    }
    if (o instanceof List<?> l && !(o instanceof PyTuple) && LIST.contains(name)) {
      @SuppressWarnings("unchecked")
      List<Object> list = (List<Object>) l;
      return (in, args, kw) -> mutating(() -> list(list, name, args, kw));
    }
    if (o instanceof Map<?, ?> m && DICT.contains(name) && !(o instanceof PyObject)) {
      @SuppressWarnings("unchecked")
      Map<Object, Object> map = (Map<Object, Object>) m;
      return (in, args, kw) -> mutating(() -> dict(map, name, args, kw));
    }
    if (o instanceof Set<?> s && SET.contains(name)) {
      @SuppressWarnings("unchecked")
      Set<Object> set = (Set<Object>) s;
      return (in, args, kw) -> mutating(() -> set(set, name, args));
    }
    return null;
  }

  private static Object mutating(java.util.function.Supplier<Object> call) {
    try {
      return call.get();
    } catch (UnsupportedOperationException e) {
      throw new TemplateException("this object is read-only and cannot be changed");
    }
  }

  // ---- str

  private static Object str(String s, String name, List<Object> args, Map<String, Object> kw) {
    return switch (name) {
      case "lower", "casefold" -> s.toLowerCase(Locale.ROOT);
      case "upper" -> s.toUpperCase(Locale.ROOT);
      case "strip" -> strip(s, Args.get(args, kw, 0, "chars", null), true, true);
      case "lstrip" -> strip(s, Args.get(args, kw, 0, "chars", null), true, false);
      case "rstrip" -> strip(s, Args.get(args, kw, 0, "chars", null), false, true);
      case "split" -> split(s, Args.get(args, kw, 0, "sep", null), Args.integer(Args.get(args, kw, 1, "maxsplit", -1L),
          "maxsplit"));
      case "rsplit" -> rsplit(s, Args.get(args, kw, 0, "sep", null),
          Args.integer(Args.get(args, kw, 1, "maxsplit", -1L), "maxsplit"));
      case "replace" -> replace(s, Py.str(Args.required("replace", args, kw, 0, "old")),
          Py.str(Args.required("replace", args, kw, 1, "new")), Args.integer(Args.get(args, kw, 2, "count", -1L),
              "count"));
      case "startswith" -> affix(s, Args.required("startswith", args, kw, 0, "prefix"), true);
      case "endswith" -> affix(s, Args.required("endswith", args, kw, 0, "suffix"), false);
      case "join" -> join(s, Args.required("join", args, kw, 0, "iterable"));
      case "format" -> PyFormat.format(s, args, kw);
      case "find" -> (long) s.indexOf(Py.str(args.get(0)));
      case "rfind" -> (long) s.lastIndexOf(Py.str(args.get(0)));
      case "index", "rindex" -> {
        int i = name.equals("index") ? s.indexOf(Py.str(args.get(0))) : s.lastIndexOf(Py.str(args.get(0)));
        if (i < 0) {
          throw new TemplateException("substring not found");
        }
        yield (long) i;
      }
      case "count" -> {
        String sub = Py.str(args.get(0));
        if (sub.isEmpty()) {
          yield (long) s.length() + 1;
        }
        long n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
          n++;
        }
        yield n;
      }
      case "capitalize" -> s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT)
          + s.substring(1).toLowerCase(Locale.ROOT);
      case "title" -> title(s);
      case "swapcase" -> {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isUpperCase(c) ? Character.toLowerCase(c)
            : Character.toUpperCase(c)));
        yield b.toString();
      }
      case "isdigit", "isdecimal", "isnumeric" -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
      case "isalpha" -> !s.isEmpty() && s.chars().allMatch(Character::isLetter);
      case "isalnum" -> !s.isEmpty() && s.chars().allMatch(Character::isLetterOrDigit);
      case "isspace" -> !s.isEmpty() && s.chars().allMatch(Character::isWhitespace);
      case "islower" -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toLowerCase(Locale.ROOT));
      case "isupper" -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toUpperCase(Locale.ROOT));
      case "istitle" -> !s.isEmpty() && s.equals(title(s));
      case "ljust", "rjust", "center" -> pad(s, name, Args.integer(args.get(0), "width"),
          args.size() > 1 ? Py.str(args.get(1)) : " ");
      case "zfill" -> {
        int width = Args.integer(args.get(0), "width");
        boolean sign = s.startsWith("-") || s.startsWith("+");
        String digits = sign ? s.substring(1) : s;
        String padded = "0".repeat(Math.max(0, width - s.length())) + digits;
        yield sign ? s.charAt(0) + padded : padded;
      }
      case "partition", "rpartition" -> {
        String sep = Py.str(args.get(0));
        int i = name.equals("partition") ? s.indexOf(sep) : s.lastIndexOf(sep);
        if (i < 0) {
          yield name.equals("partition") ? PyTuple.of(s, "", "") : PyTuple.of("", "", s);
        }
        yield PyTuple.of(s.substring(0, i), sep, s.substring(i + sep.length()));
      }
      case "splitlines" -> {
        List<Object> lines = new ArrayList<>();
        boolean keep = Py.truthy(Args.get(args, kw, 0, "keepends", false));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\r\n|\r|\n").matcher(s);
        int start = 0;
        while (m.find()) {
          lines.add(s.substring(start, keep ? m.end() : m.start()));
          start = m.end();
        }
        if (start < s.length()) {
          lines.add(s.substring(start));
        }
        yield lines;
      }
      case "removeprefix" -> {
        String p = Py.str(args.get(0));
        yield s.startsWith(p) ? s.substring(p.length()) : s;
      }
      case "removesuffix" -> {
        String p = Py.str(args.get(0));
        yield !p.isEmpty() && s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s;
      }
      default -> throw new TemplateException("'str' object has no attribute '" + name + "'");
    };
  }

  static String strip(String s, Object chars, boolean left, boolean right) {
    int start = 0;
    int end = s.length();
    String set = chars == null ? null : Py.str(chars);
    while (start < end && (set == null ? Character.isWhitespace(s.charAt(start)) : set.indexOf(s.charAt(start)) >= 0)
        && left) {
      start++;
    }
    while (end > start && (set == null ? Character.isWhitespace(s.charAt(end - 1)) : set.indexOf(s.charAt(end - 1)) >= 0)
        && right) {
      end--;
    }
    return s.substring(start, end);
  }

  static List<Object> split(String s, Object sep, int maxsplit) {
    List<Object> parts = new ArrayList<>();
    if (sep == null) {
      int i = 0;
      int n = s.length();
      while (i < n) {
        while (i < n && Character.isWhitespace(s.charAt(i))) {
          i++;
        }
        if (i >= n) {
          break;
        }
        if (maxsplit >= 0 && parts.size() == maxsplit) {
          parts.add(strip(s.substring(i), null, false, true));
          return parts;
        }
        int j = i;
        while (j < n && !Character.isWhitespace(s.charAt(j))) {
          j++;
        }
        parts.add(s.substring(i, j));
        i = j;
      }
      return parts;
    }
    String d = Py.str(sep);
    if (d.isEmpty()) {
      throw new TemplateException("empty separator");
    }
    int start = 0;
    for (int i = s.indexOf(d); i >= 0 && (maxsplit < 0 || parts.size() < maxsplit); i = s.indexOf(d, start)) {
      parts.add(s.substring(start, i));
      start = i + d.length();
    }
    parts.add(s.substring(start));
    return parts;
  }

  private static List<Object> rsplit(String s, Object sep, int maxsplit) {
    if (maxsplit < 0) {
      return split(s, sep, -1);
    }
    if (sep == null) {
      List<Object> all = split(s, null, -1);
      if (all.size() <= maxsplit + 1) {
        return all;
      }
      // the last maxsplit words apart, the rest as it was written
      List<Object> out = new ArrayList<>();
      int cut = s.length();
      for (int k = 0; k < maxsplit; k++) {
        String word = (String) all.get(all.size() - 1 - k);
        cut = s.lastIndexOf(word, cut - 1);
      }
      out.add(strip(s.substring(0, cut), null, false, true).stripLeading());
      out.addAll(all.subList(all.size() - maxsplit, all.size()));
      return out;
    }
    String d = Py.str(sep);
    List<Object> parts = new ArrayList<>();
    int end = s.length();
    for (int i = s.lastIndexOf(d); i >= 0 && parts.size() < maxsplit; i = s.lastIndexOf(d, end - 1)) {
      parts.add(0, s.substring(i + d.length(), end));
      end = i;
      if (end == 0) {
        break;
      }
    }
    parts.add(0, s.substring(0, end));
    return parts;
  }

  private static String replace(String s, String old, String replacement, int count) {
    if (count < 0) {
      return s.replace(old, replacement);
    }
    StringBuilder b = new StringBuilder();
    int start = 0;
    int done = 0;
    if (old.isEmpty()) {
      return s;
    }
    for (int i = s.indexOf(old); i >= 0 && done < count; i = s.indexOf(old, start)) {
      b.append(s, start, i).append(replacement);
      start = i + old.length();
      done++;
    }
    return b.append(s.substring(start)).toString();
  }

  private static boolean affix(String s, Object affix, boolean prefix) {
    if (affix instanceof List<?> options) {
      for (Object o : options) {
        if (prefix ? s.startsWith(Py.str(o)) : s.endsWith(Py.str(o))) {
          return true;
        }
      }
      return false;
    }
    return prefix ? s.startsWith(Py.str(affix)) : s.endsWith(Py.str(affix));
  }

  private static String join(String sep, Object iterable) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    for (Object item : Py.iterate(iterable)) {
      if (!Py.isString(item)) {
        throw new TemplateException("sequence item " + i + ": expected str instance, " + Py.typeName(item) + " found");
      }
      if (i++ > 0) {
        b.append(sep);
      }
      b.append(Py.str(item));
    }
    return b.toString();
  }

  static String title(String s) {
    StringBuilder b = new StringBuilder();
    boolean previousLetter = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(previousLetter ? Character.toLowerCase(c) : Character.toUpperCase(c));
      previousLetter = Character.isLetter(c);
    }
    return b.toString();
  }

  private static String pad(String s, String how, int width, String fill) {
    int missing = width - s.length();
    if (missing <= 0) {
      return s;
    }
    return switch (how) {
      case "ljust" -> s + fill.repeat(missing);
      case "rjust" -> fill.repeat(missing) + s;
      default -> {
        int left = missing / 2 + (missing & width & 1);
        yield fill.repeat(left) + s + fill.repeat(missing - left);
      }
    };
  }

  // ---- list, tuple

  private static Object list(List<Object> list, String name, List<Object> args, Map<String, Object> kw) {
    return switch (name) {
      case "append" -> {
        list.add(args.get(0));
        yield null;
      }
      case "extend" -> {
        list.addAll(Py.iterate(args.get(0)));
        yield null;
      }
      case "insert" -> {
        int i = Args.integer(args.get(0), "index");
        int at = i < 0 ? Math.max(0, list.size() + i) : Math.min(i, list.size());
        list.add(at, args.get(1));
        yield null;
      }
      case "pop" -> {
        if (list.isEmpty()) {
          throw new TemplateException("pop from empty list");
        }
        int i = args.isEmpty() ? -1 : Args.integer(args.get(0), "index");
        yield list.remove(i < 0 ? list.size() + i : i);
      }
      case "remove" -> {
        for (int i = 0; i < list.size(); i++) {
          if (Py.eq(list.get(i), args.get(0))) {
            list.remove(i);
            yield null;
          }
        }
        throw new TemplateException("list.remove(x): x not in list");
      }
      case "index" -> {
        for (int i = 0; i < list.size(); i++) {
          if (Py.eq(list.get(i), args.get(0))) {
            yield (long) i;
          }
        }
        throw new TemplateException(Py.repr(args.get(0)) + " is not in list");
      }
      case "count" -> list.stream().filter(v -> Py.eq(v, args.get(0))).count();
      case "reverse" -> {
        Collections.reverse(list);
        yield null;
      }
      case "sort" -> {
        boolean reverse = Py.truthy(kw.getOrDefault("reverse", false));
        list.sort((a, b) -> reverse ? Py.compare(b, a, "<") : Py.compare(a, b, "<"));
        yield null;
      }
      case "copy" -> new ArrayList<>(list);
      case "clear" -> {
        list.clear();
        yield null;
      }
      default -> throw new TemplateException("'list' object has no attribute '" + name + "'");
    };
  }

  // ---- dict

  private static Object dict(Map<Object, Object> map, String name, List<Object> args, Map<String, Object> kw) {
    return switch (name) {
      case "get" -> {
        Object v = Py.mapGet(map, args.get(0));
        yield v == Py.MISSING ? Args.get(args, kw, 1, "default", null) : v;
      }
      case "items" -> {
        List<Object> items = new ArrayList<>();
        map.forEach((k, v) -> items.add(PyTuple.of(k, v)));
        yield items;
      }
      case "keys" -> new ArrayList<>(map.keySet());
      case "values" -> new ArrayList<>(map.values());
      case "update" -> {
        if (!args.isEmpty()) {
          Object other = args.get(0);
          if (other instanceof Map<?, ?> m) {
            map.putAll(m);
          } else {
            for (Object pair : Py.iterate(other)) {
              List<Object> kv = Py.iterate(pair);
              map.put(kv.get(0), kv.get(1));
            }
          }
        }
        map.putAll(kw);
        yield null;
      }
      case "pop" -> {
        Object key = args.get(0);
        Object v = Py.mapGet(map, key);
        if (v == Py.MISSING) {
          if (args.size() > 1) {
            yield args.get(1);
          }
          throw new TemplateException("KeyError: " + Py.repr(key));
        }
        map.remove(Py.wrap(key));
        yield v;
      }
      case "setdefault" -> {
        Object v = Py.mapGet(map, args.get(0));
        if (v == Py.MISSING) {
          v = args.size() > 1 ? args.get(1) : null;
          map.put(args.get(0), v);
        }
        yield v;
      }
      case "popitem" -> {
        if (map.isEmpty()) {
          throw new TemplateException("popitem(): dictionary is empty");
        }
        Object last = null;
        for (Object k : map.keySet()) {
          last = k;
        }
        Object v = map.remove(last);
        yield PyTuple.of(last, v);
      }
      case "copy" -> new LinkedHashMap<>(map);
      case "clear" -> {
        map.clear();
        yield null;
      }
      default -> throw new TemplateException("'dict' object has no attribute '" + name + "'");
    };
  }

  // ---- set

  private static Object set(Set<Object> set, String name, List<Object> args) {
    return switch (name) {
      case "add" -> {
        if (!Py.contains(set, args.get(0))) {
          set.add(args.get(0));
        }
        yield null;
      }
      case "discard", "remove" -> {
        boolean removed = set.removeIf(v -> Py.eq(v, args.get(0)));
        if (!removed && name.equals("remove")) {
          throw new TemplateException("KeyError: " + Py.repr(args.get(0)));
        }
        yield null;
      }
      case "union" -> {
        Set<Object> out = new LinkedHashSet<>(set);
        args.forEach(a -> out.addAll(Py.iterate(a)));
        yield out;
      }
      case "update" -> {
        args.forEach(a -> set.addAll(Py.iterate(a)));
        yield null;
      }
      case "intersection" -> {
        Set<Object> out = new LinkedHashSet<>();
        for (Object v : set) {
          if (args.stream().allMatch(a -> Py.contains(Py.iterate(a), v))) {
            out.add(v);
          }
        }
        yield out;
      }
      case "difference" -> {
        Set<Object> out = new LinkedHashSet<>();
        for (Object v : set) {
          if (args.stream().noneMatch(a -> Py.contains(Py.iterate(a), v))) {
            out.add(v);
          }
        }
        yield out;
      }
      case "issubset" -> set.stream().allMatch(v -> Py.contains(Py.iterate(args.get(0)), v));
      case "issuperset" -> Py.iterate(args.get(0)).stream().allMatch(v -> Py.contains(set, v));
      case "copy" -> new LinkedHashSet<>(set);
      case "pop" -> {
        if (set.isEmpty()) {
          throw new TemplateException("pop from an empty set");
        }
        Object first = set.iterator().next();
        set.remove(first);
        yield first;
      }
      case "clear" -> {
        set.clear();
        yield null;
      }
      default -> throw new TemplateException("'set' object has no attribute '" + name + "'");
    };
  }
}
