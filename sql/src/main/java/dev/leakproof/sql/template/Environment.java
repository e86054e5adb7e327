package dev.leakproof.sql.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jinja2's environment as dbt configures it ({@code do} and loop controls on, no autoescape):
 * the filters and tests, the global functions ({@code range}, {@code dict}, {@code namespace},
 * {@code cycler}, {@code joiner}), and a cache of parsed templates. Build it once and share it;
 * {@link #interpreter} gives a renderer per thread.
 */
public final class Environment {

  /** Jinja's sandbox cap on {@code range()}: larger ranges are refused, not built. */
  static final int MAX_RANGE = 100_000;

  private final Map<String, Filters.FilterFunction> filters = new HashMap<>();
  private final Map<String, Tests.TestFunction> tests = new HashMap<>();
  private final Map<String, Object> globals = new HashMap<>();
  private final Map<String, Template> cache = new ConcurrentHashMap<>();

  public Environment() {
    Filters.register(filters);
    Tests.register(tests);
    globals.put("range", (PyCallable) (in, a, k) -> range(a));
    globals.put("dict", (PyCallable) (in, a, k) -> {
      Map<Object, Object> d = new LinkedHashMap<>();
      if (!a.isEmpty()) {
        if (a.get(0) instanceof Map<?, ?> m) {
          d.putAll(m);
        } else {
          for (Object pair : Py.iterate(a.get(0))) {
            List<Object> kv = Py.iterate(pair);
            d.put(kv.get(0), kv.get(1));
          }
        }
      }
      d.putAll(k);
      return d;
    });
    globals.put("namespace", (PyCallable) (in, a, k) -> {
      Map<String, Object> initial = new LinkedHashMap<>();
      for (Object arg : a) {
        if (arg instanceof Map<?, ?> m) {
          m.forEach((key, v) -> initial.put(Py.str(key), v));
        }
      }
      initial.putAll(k);
      return new Namespace(initial);
    });
    globals.put("cycler", (PyCallable) (in, a, k) -> cycler(a));
    globals.put("joiner", (PyCallable) (in, a, k) -> {
      String sep = a.isEmpty() ? ", " : Py.str(a.get(0));
      boolean[] used = {false};
      return (PyCallable) (in2, a2, k2) -> {
        if (!used[0]) {
          used[0] = true;
          return "";
        }
        return sep;
      };
    });
  }

  public void addFilter(String name, Filters.FilterFunction filter) {
    filters.put(name, filter);
  }

  public void addTest(String name, Tests.TestFunction test) {
    tests.put(name, test);
  }

  /** Adds a global name every render sees after its own context. */
  public void addGlobal(String name, Object value) {
    globals.put(name, value);
  }

  Filters.FilterFunction filter(String name) {
    return filters.get(name);
  }

  Tests.TestFunction test(String name) {
    return tests.get(name);
  }

  Object global(String name) {
    return globals.containsKey(name) ? globals.get(name) : Py.MISSING;
  }

  /** A parsed template, from the cache when the same name and text were parsed before. */
  public Template parse(String name, String source) {
    String key = name + "\u0000" + source;
    Template t = cache.get(key);
    if (t == null) {
      t = Template.parse(name, source);
      cache.put(key, t);
    }
    return t;
  }

  public Interpreter interpreter(Interpreter.UndefinedMode mode) {
    return new Interpreter(this, mode);
  }

  private static List<Object> range(List<Object> a) {
    long start = 0;
    long stop;
    long step = 1;
    if (a.size() == 1) {
      stop = Args.integer(a.get(0), "range() argument");
    } else {
      start = Args.integer(a.get(0), "range() argument");
      stop = Args.integer(a.get(1), "range() argument");
      if (a.size() > 2) {
        step = Args.integer(a.get(2), "range() argument");
      }
    }
    if (step == 0) {
      throw new TemplateException("range() arg 3 must not be zero");
    }
    long n = step > 0 ? Math.max(0, (stop - start + step - 1) / step) : Math.max(0, (start - stop - step - 1) / -step);
    if (n > MAX_RANGE) {
      throw new TemplateException("Range too big. The sandbox blocks ranges larger than MAX_RANGE (" + MAX_RANGE + ").");
    }
    List<Object> out = new ArrayList<>((int) n);
    for (long i = 0; i < n; i++) {
      out.add(start + i * step);
    }
    return java.util.Collections.unmodifiableList(out);
  }

  private static PyObject cycler(List<Object> items) {
    int[] at = {0};
    return name -> switch (name) {
      case "next" -> (PyCallable) (in, a, k) -> items.get(at[0]++ % items.size());
      case "reset" -> (PyCallable) (in, a, k) -> {
        at[0] = 0;
        return null;
      };
      case "current" -> items.get(at[0] % items.size());
      default -> Py.MISSING;
    };
  }
}
