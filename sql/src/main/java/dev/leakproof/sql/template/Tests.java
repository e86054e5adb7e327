package dev.leakproof.sql.template;

import java.util.List;
import java.util.Map;

/** Jinja2's built-in tests: {@code x is defined}, {@code x is none}, {@code x is divisibleby 3}, ... */
public final class Tests {

  /** A test: the value on the left of {@code is}, then the test's own arguments. */
  @FunctionalInterface
  public interface TestFunction {
    boolean test(Interpreter interpreter, Object value, List<Object> args, Map<String, Object> kwargs);
  }

  private Tests() {}

  static void register(Map<String, TestFunction> t) {
    t.put("boolean", (in, v, a, k) -> v instanceof Boolean);
    t.put("callable", (in, v, a, k) -> v instanceof PyCallable);
    t.put("defined", (in, v, a, k) -> !(v instanceof Undefined));
    t.put("undefined", (in, v, a, k) -> v instanceof Undefined);
    t.put("divisibleby", (in, v, a, k) -> Py.eq(Py.mod(v, a.get(0)), 0L));
    TestFunction eq = (in, v, a, k) -> Py.eq(v, a.get(0));
    t.put("eq", eq);
    t.put("equalto", eq);
    t.put("==", eq);
    TestFunction ne = (in, v, a, k) -> !Py.eq(v, a.get(0));
    t.put("ne", ne);
    t.put("!=", ne);
    TestFunction gt = (in, v, a, k) -> Py.compare(v, a.get(0), ">") > 0;
    t.put("gt", gt);
    t.put("greaterthan", gt);
    t.put(">", gt);
    TestFunction ge = (in, v, a, k) -> Py.compare(v, a.get(0), ">=") >= 0;
    t.put("ge", ge);
    t.put(">=", ge);
    TestFunction lt = (in, v, a, k) -> Py.compare(v, a.get(0), "<") < 0;
    t.put("lt", lt);
    t.put("lessthan", lt);
    t.put("<", lt);
    TestFunction le = (in, v, a, k) -> Py.compare(v, a.get(0), "<=") <= 0;
    t.put("le", le);
    t.put("<=", le);
    t.put("escaped", (in, v, a, k) -> false);
    t.put("even", (in, v, a, k) -> Py.eq(Py.mod(v, 2L), 0L));
    t.put("odd", (in, v, a, k) -> Py.eq(Py.mod(v, 2L), 1L));
    t.put("false", (in, v, a, k) -> Boolean.FALSE.equals(v));
    t.put("true", (in, v, a, k) -> Boolean.TRUE.equals(v));
    t.put("filter", (in, v, a, k) -> in.environment().filter(Py.str(v)) != null);
    t.put("test", (in, v, a, k) -> in.environment().test(Py.str(v)) != null);
    t.put("float", (in, v, a, k) -> Py.isFloat(v));
    t.put("integer", (in, v, a, k) -> Py.isInt(v));
    t.put("number", (in, v, a, k) -> Py.isNumber(v));
    t.put("in", (in, v, a, k) -> Py.contains(a.get(0), v));
    t.put("iterable", (in, v, a, k) -> Py.isString(v) || v instanceof Iterable<?> || v instanceof Map<?, ?>);
    t.put("mapping", (in, v, a, k) -> v instanceof Map<?, ?>);
    t.put("sequence", (in, v, a, k) -> Py.isString(v) || v instanceof List<?> || v instanceof Map<?, ?>);
    t.put("none", (in, v, a, k) -> v == null);
    t.put("string", (in, v, a, k) -> Py.isString(v));
    t.put("lower", (in, v, a, k) -> Py.str(v).equals(Py.str(v).toLowerCase(java.util.Locale.ROOT)));
    t.put("upper", (in, v, a, k) -> Py.str(v).equals(Py.str(v).toUpperCase(java.util.Locale.ROOT)));
    t.put("sameas", (in, v, a, k) -> v == a.get(0) || (v != null && Py.isNumber(v) && v.equals(a.get(0)))
        || (v instanceof Boolean && v.equals(a.get(0))));
  }
}
