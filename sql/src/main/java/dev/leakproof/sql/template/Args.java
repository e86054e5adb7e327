package dev.leakproof.sql.template;

import java.util.List;
import java.util.Map;

/** Reads Python-style arguments of a builtin function, filter or method by position or name. */
public final class Args {

  private Args() {}

  /** The argument at {@code index} or named {@code name}, else {@code fallback}. */
  public static Object get(List<Object> args, Map<String, Object> kwargs, int index, String name, Object fallback) {
    if (index >= 0 && index < args.size()) {
      return args.get(index);
    }
    if (name != null && kwargs.containsKey(name)) {
      return kwargs.get(name);
    }
    return fallback;
  }

  /** The argument, which must be given. */
  public static Object required(String function, List<Object> args, Map<String, Object> kwargs, int index,
      String name) {
    Object v = get(args, kwargs, index, name, Py.MISSING);
    if (v == Py.MISSING) {
      throw new TemplateException(function + "() missing required argument: '" + name + "'");
    }
    return v;
  }

  public static int integer(Object v, String what) {
    if (Py.isInt(v) || v instanceof Boolean) {
      return Py.bigInt(v).intValue();
    }
    throw new TemplateException(what + " must be an integer, not '" + Py.typeName(v) + "'");
  }

  /** Fails when more than {@code max} positional arguments were given. */
  public static void atMost(String function, List<Object> args, int max) {
    if (args.size() > max) {
      throw new TemplateException(function + "() takes at most " + max + " argument" + (max == 1 ? "" : "s")
          + " (" + args.size() + " given)");
    }
  }
}
