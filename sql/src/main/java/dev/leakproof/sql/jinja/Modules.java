package dev.leakproof.sql.jinja;

import dev.leakproof.sql.template.Args;
import dev.leakproof.sql.template.Py;
import dev.leakproof.sql.template.PyCallable;
import dev.leakproof.sql.template.PyDatetime;
import dev.leakproof.sql.template.PyObject;
import dev.leakproof.sql.template.PyTuple;
import dev.leakproof.sql.template.TemplateException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbt's {@code modules}: {@code datetime}, {@code re}, {@code itertools} and {@code pytz}, the
 * Python modules dbt lets templates use, with the functions packages call.
 */
final class Modules implements PyObject {

  private final Clock clock;

  Modules(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Object attribute(String name) {
    return switch (name) {
      case "datetime" -> PyDatetime.module(clock);
      case "re" -> RE;
      case "itertools" -> ITERTOOLS;
      case "pytz" -> PYTZ;
      default -> Py.MISSING;
    };
  }

  // ---- re

  private static final PyObject RE = name -> switch (name) {
    case "match" -> (PyCallable) (in, a, k) -> match(a, k, Mode.MATCH);
    case "search" -> (PyCallable) (in, a, k) -> match(a, k, Mode.SEARCH);
    case "fullmatch" -> (PyCallable) (in, a, k) -> match(a, k, Mode.FULL);
    case "findall" -> (PyCallable) (in, a, k) -> findall(compile(a.get(0), flags(a, k, 2)), Py.str(a.get(1)));
    case "sub" -> (PyCallable) (in, a, k) -> sub(compile(a.get(0), flags(a, k, 4)), a.get(1), Py.str(a.get(2)),
        Args.integer(Args.get(a, k, 3, "count", 0L), "count"));
    case "split" -> (PyCallable) (in, a, k) -> split(compile(a.get(0), flags(a, k, 3)), Py.str(a.get(1)));
    case "compile" -> (PyCallable) (in, a, k) -> new Compiled(compile(a.get(0), flags(a, k, 1)));
    case "escape" -> (PyCallable) (in, a, k) -> Py.str(a.get(0)).replaceAll("([^A-Za-z0-9_])", "\\\\$1");
    case "IGNORECASE", "I" -> (long) Pattern.CASE_INSENSITIVE;
    case "MULTILINE", "M" -> (long) Pattern.MULTILINE;
    case "DOTALL", "S" -> (long) Pattern.DOTALL;
    case "VERBOSE", "X" -> (long) Pattern.COMMENTS;
    default -> Py.MISSING;
  };

  private enum Mode { MATCH, SEARCH, FULL }

  private static int flags(List<Object> a, Map<String, Object> k, int index) {
    return Args.integer(Args.get(a, k, index, "flags", 0L), "flags");
  }

  /** A Python pattern in Java's syntax: named groups and their back-references. */
  static Pattern compile(Object pattern, int flags) {
    if (pattern instanceof Compiled c) {
      return c.pattern;
    }
    String p = Py.str(pattern).replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>");
    try {
      return Pattern.compile(p, flags);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new TemplateException("re.error: " + e.getDescription() + " in " + Py.repr(pattern));
    }
  }

  private static Object match(List<Object> a, Map<String, Object> k, Mode mode) {
    Pattern p = compile(a.get(0), flags(a, k, 2));
    return find(p, Py.str(a.get(1)), mode);
  }

  private static Object find(Pattern p, String text, Mode mode) {
    Matcher m = p.matcher(text);
    boolean found = switch (mode) {
      case MATCH -> m.lookingAt();
      case SEARCH -> m.find();
      case FULL -> m.matches();
    };
    return found ? new MatchObject(m.toMatchResult(), p, text) : null;
  }

  private static List<Object> findall(Pattern p, String text) {
    List<Object> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      if (m.groupCount() == 0) {
        out.add(m.group());
      } else if (m.groupCount() == 1) {
        out.add(m.group(1) == null ? "" : m.group(1));
      } else {
        List<Object> groups = new ArrayList<>();
        for (int g = 1; g <= m.groupCount(); g++) {
          groups.add(m.group(g) == null ? "" : m.group(g));
        }
        out.add(new PyTuple(groups));
      }
    }
    return out;
  }

  private static String sub(Pattern p, Object replacement, String text, int count) {
    Matcher m = p.matcher(text);
    StringBuilder out = new StringBuilder();
    int done = 0;
    while (m.find() && (count == 0 || done < count)) {
      String r = Py.str(replacement).replaceAll("\\\\g<(\\w+)>", "\\${$1}").replaceAll("\\\\(\\d+)", "\\$$1");
      m.appendReplacement(out, r.replace("\\\\", "\\"));
      done++;
    }
    m.appendTail(out);
    return out.toString();
  }

  private static List<Object> split(Pattern p, String text) {
    List<Object> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    int last = 0;
    while (m.find()) {
      out.add(text.substring(last, m.start()));
      for (int g = 1; g <= m.groupCount(); g++) {
        out.add(m.group(g));
      }
      last = m.end();
    }
    out.add(text.substring(last));
    return out;
  }

  /** A compiled pattern: {@code .match()}, {@code .search()}, {@code .sub()}, ... */
  private record Compiled(Pattern pattern) implements PyObject {
    @Override
    public Object attribute(String name) {
      return switch (name) {
        case "match" -> (PyCallable) (in, a, k) -> find(pattern, Py.str(a.get(0)), Mode.MATCH);
        case "search" -> (PyCallable) (in, a, k) -> find(pattern, Py.str(a.get(0)), Mode.SEARCH);
        case "fullmatch" -> (PyCallable) (in, a, k) -> find(pattern, Py.str(a.get(0)), Mode.FULL);
        case "findall" -> (PyCallable) (in, a, k) -> findall(pattern, Py.str(a.get(0)));
        case "sub" -> (PyCallable) (in, a, k) -> sub(pattern, a.get(0), Py.str(a.get(1)),
            Args.integer(Args.get(a, k, 2, "count", 0L), "count"));
        case "split" -> (PyCallable) (in, a, k) -> split(pattern, Py.str(a.get(0)));
        case "pattern" -> pattern.pattern();
        default -> Py.MISSING;
      };
    }
  }

  /** A match: {@code group()}, {@code groups()}, {@code groupdict()}, {@code start()}, {@code end()}. */
  private record MatchObject(java.util.regex.MatchResult m, Pattern pattern, String text) implements PyObject {
    @Override
    public Object attribute(String name) {
      return switch (name) {
        case "group" -> (PyCallable) (in, a, k) -> {
          if (a.size() > 1) {
            List<Object> groups = new ArrayList<>();
            a.forEach(g -> groups.add(group(g)));
            return new PyTuple(groups);
          }
          return group(a.isEmpty() ? 0L : a.get(0));
        };
        case "groups" -> (PyCallable) (in, a, k) -> {
          List<Object> groups = new ArrayList<>();
          for (int g = 1; g <= m.groupCount(); g++) {
            groups.add(m.group(g));
          }
          return new PyTuple(groups);
        };
        case "groupdict" -> (PyCallable) (in, a, k) -> {
          Map<Object, Object> d = new LinkedHashMap<>();
          Matcher names = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>").matcher(pattern.pattern());
          Matcher again = pattern.matcher(text);
          if (again.find(m.start())) {
            while (names.find()) {
              d.put(names.group(1), again.group(names.group(1)));
            }
          }
          return d;
        };
        case "start" -> (PyCallable) (in, a, k) -> (long) m.start(a.isEmpty() ? 0 : Args.integer(a.get(0), "group"));
        case "end" -> (PyCallable) (in, a, k) -> (long) m.end(a.isEmpty() ? 0 : Args.integer(a.get(0), "group"));
        case "span" -> (PyCallable) (in, a, k) -> PyTuple.of((long) m.start(), (long) m.end());
        case "string" -> text;
        default -> Py.MISSING;
      };
    }

    private Object group(Object g) {
      if (Py.isString(g)) {
        Matcher again = pattern.matcher(text);
        return again.find(m.start()) ? again.group(Py.str(g)) : null;
      }
      return m.group(Args.integer(g, "group"));
    }
  }

  // ---- itertools

  private static final PyObject ITERTOOLS = name -> switch (name) {
    case "chain" -> (PyCallable) (in, a, k) -> {
      List<Object> out = new ArrayList<>();
      a.forEach(x -> out.addAll(Py.iterate(x)));
      return out;
    };
    case "product" -> (PyCallable) (in, a, k) -> {
      List<Object> out = new ArrayList<>();
      out.add(new PyTuple(List.of()));
      for (Object pool : a) {
        List<Object> next = new ArrayList<>();
        for (Object prefix : out) {
          for (Object item : Py.iterate(pool)) {
            List<Object> t = new ArrayList<>((List<?>) prefix);
            t.add(item);
            next.add(new PyTuple(t));
          }
        }
        out = next;
      }
      return out;
    };
    case "combinations" -> (PyCallable) (in, a, k) -> {
      List<Object> pool = Py.iterate(a.get(0));
      int r = Args.integer(a.get(1), "r");
      List<Object> out = new ArrayList<>();
      combine(pool, r, 0, new ArrayList<>(), out);
      return out;
    };
    default -> Py.MISSING;
  };

  private static void combine(List<Object> pool, int r, int start, List<Object> prefix, List<Object> out) {
    if (prefix.size() == r) {
      out.add(new PyTuple(prefix));
      return;
    }
    for (int i = start; i < pool.size(); i++) {
      prefix.add(pool.get(i));
      combine(pool, r, i + 1, prefix, out);
      prefix.remove(prefix.size() - 1);
    }
  }

  // ---- pytz

  private static final PyObject PYTZ = name -> switch (name) {
    case "timezone" -> (PyCallable) (in, a, k) -> new Zone(ZoneId.of(Py.str(a.get(0))));
    case "utc", "UTC" -> new Zone(ZoneId.of("UTC"));
    default -> Py.MISSING;
  };

  /** A pytz time zone: {@code localize(naive)} attaches it. */
  private record Zone(ZoneId zone) implements PyObject {
    @Override
    public Object attribute(String name) {
      return switch (name) {
        case "localize" -> (PyCallable) (in, a, k) -> ((LocalDateTime) a.get(0)).atZone(zone).toOffsetDateTime();
        case "zone" -> zone.getId();
        case "normalize" -> (PyCallable) (in, a, k) -> ((OffsetDateTime) a.get(0)).atZoneSameInstant(zone)
            .toOffsetDateTime();
        default -> Py.MISSING;
      };
    }

    @Override
    public String pyStr() {
      return zone.getId();
    }
  }
}
