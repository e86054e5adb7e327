package dev.leakproof.sql.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python's semantics for the values templates compute with, since dbt's Jinja is Python's:
 * {@code None} is null, ints are Long (BigInteger past its range), floats Double, agate's
 * decimals BigDecimal, str String, list a mutable List, tuple {@link PyTuple}, dict a Map, set a
 * Set. {@code str()}/{@code repr()} print as Python does ({@code True}, {@code None},
 * {@code ['a', 1]}, {@code 0.1}), arithmetic follows Python ({@code 7 / 2} is 3.5,
 * {@code -7 // 2} is -4), and so do truth, equality and ordering.
 */
public final class Py {

  /** "No such name or attribute": distinct from None. */
  public static final Object MISSING = new Object() {
    @Override
    public String toString() {
      return "<missing>";
    }
  };

  private static final MathContext DECIMAL = MathContext.DECIMAL128;

  private Py() {}

  // ---- types

  static Object parseInt(String literal) {
    String digits = literal.toLowerCase(java.util.Locale.ROOT);
    int radix = digits.startsWith("0x") ? 16 : digits.startsWith("0o") ? 8 : digits.startsWith("0b") ? 2 : 10;
    BigInteger v = new BigInteger(radix == 10 ? digits : digits.substring(2), radix);
    return v.bitLength() < 64 ? (Object) v.longValue() : v;
  }

  public static boolean isInt(Object o) {
    return o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte
        || o instanceof BigInteger;
  }

  public static boolean isFloat(Object o) {
    return o instanceof Double || o instanceof Float;
  }

  /** int, float, decimal or bool (a bool is an int in Python). */
  public static boolean isNumber(Object o) {
    return isInt(o) || isFloat(o) || o instanceof BigDecimal || o instanceof Boolean;
  }

  public static boolean isString(Object o) {
    return o instanceof String || o instanceof Character;
  }

  public static boolean isSequence(Object o) {
    return o instanceof List<?>;
  }

  public static String typeName(Object o) {
    if (o == null) {
      return "NoneType";
    }
    if (o instanceof Boolean) {
      return "bool";
    }
    if (isInt(o)) {
      return "int";
    }
    if (isFloat(o)) {
      return "float";
    }
    if (o instanceof BigDecimal) {
      return "decimal.Decimal";
    }
    if (isString(o)) {
      return "str";
    }
    if (o instanceof PyTuple) {
      return "tuple";
    }
    if (o instanceof List<?>) {
      return "list";
    }
    if (o instanceof Map<?, ?>) {
      return "dict";
    }
    if (o instanceof Set<?>) {
      return "set";
    }
    if (o instanceof Undefined) {
      return "Undefined";
    }
    if (o instanceof Macro) {
      return "Macro";
    }
    if (o instanceof LocalDate) {
      return "datetime.date";
    }
    if (o instanceof LocalDateTime || o instanceof OffsetDateTime || o instanceof ZonedDateTime) {
      return "datetime.datetime";
    }
    if (o instanceof PyObject p) {
      return p.typeName();
    }
    if (o instanceof PyCallable) {
      return "function";
    }
    return o.getClass().getSimpleName();
  }

  /** A Java value as the template sees it: Integer as Long, Float as Double, char as str. */
  public static Object wrap(Object o) {
    if (o instanceof Integer || o instanceof Short || o instanceof Byte) {
      return ((Number) o).longValue();
    }
    if (o instanceof Float f) {
      return f.doubleValue();
    }
    if (o instanceof Character c) {
      return String.valueOf(c);
    }
    if (o instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (o instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime();
    }
    return o;
  }

  // ---- truth, str, repr

  public static boolean truthy(Object o) {
    if (o == null || o instanceof Undefined) {
      return false;
    }
    if (o instanceof Boolean b) {
      return b;
    }
    if (isInt(o)) {
      return o instanceof BigInteger b ? b.signum() != 0 : ((Number) o).longValue() != 0;
    }
    if (isFloat(o)) {
      return ((Number) o).doubleValue() != 0;
    }
    if (o instanceof BigDecimal d) {
      return d.signum() != 0;
    }
    if (o instanceof CharSequence s) {
      return s.length() > 0;
    }
    if (o instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    if (o instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }

  /** Python's {@code str(value)}; undefined prints as nothing. */
  public static String str(Object o) {
    if (o instanceof String s) {
      return s;
    }
    if (o == null) {
      return "None";
    }
    if (o instanceof Undefined) {
      return "";
    }
    if (o instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (isFloat(o)) {
      return floatRepr(((Number) o).doubleValue());
    }
    if (o instanceof BigDecimal d) {
      return d.toString();
    }
    if (o instanceof LocalDateTime t) {
      return t.toLocalDate() + " " + time(t.toLocalTime());
    }
    if (o instanceof OffsetDateTime t) {
      return t.toLocalDate() + " " + time(t.toLocalTime()) + offset(t.getOffset().getTotalSeconds());
    }
    if (o instanceof ZonedDateTime t) {
      return str(t.toOffsetDateTime());
    }
    if (o instanceof PyObject p) {
      return p.pyStr();
    }
    if (o instanceof Collection<?> || o instanceof Map<?, ?>) {
      return repr(o);
    }
    return String.valueOf(wrap(o));
  }

  private static String time(LocalTime t) {
    String s = String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
    return t.getNano() == 0 ? s : s + String.format(java.util.Locale.ROOT, ".%06d", t.getNano() / 1000);
  }

  private static String offset(int seconds) {
    int abs = Math.abs(seconds);
    return (seconds < 0 ? "-" : "+") + String.format(java.util.Locale.ROOT, "%02d:%02d", abs / 3600, abs / 60 % 60);
  }

  /** Python's {@code repr(value)}. */
  public static String repr(Object o) {
    if (o instanceof String s) {
      return reprString(s);
    }
    if (o instanceof Character c) {
      return reprString(String.valueOf(c));
    }
    if (o instanceof BigDecimal d) {
      return "Decimal('" + d + "')";
    }
    if (o instanceof LocalDate d) {
      return "datetime.date(" + d.getYear() + ", " + d.getMonthValue() + ", " + d.getDayOfMonth() + ")";
    }
    if (o instanceof LocalDateTime t) {
      StringBuilder b = new StringBuilder("datetime.datetime(").append(t.getYear()).append(", ")
          .append(t.getMonthValue()).append(", ").append(t.getDayOfMonth()).append(", ").append(t.getHour())
          .append(", ").append(t.getMinute());
      if (t.getSecond() != 0 || t.getNano() != 0) {
        b.append(", ").append(t.getSecond());
      }
      if (t.getNano() != 0) {
        b.append(", ").append(t.getNano() / 1000);
      }
      return b.append(')').toString();
    }
    if (o instanceof PyTuple t) {
      if (t.size() == 1) {
        return "(" + repr(t.get(0)) + ",)";
      }
      return join("(", t, ")");
    }
    if (o instanceof List<?> l) {
      return join("[", l, "]");
    }
    if (o instanceof Set<?> s) {
      return s.isEmpty() ? "set()" : join("{", s, "}");
    }
    if (o instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder("{");
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (b.length() > 1) {
          b.append(", ");
        }
        b.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
      }
      return b.append('}').toString();
    }
    if (o instanceof PyObject p) {
      return p.pyRepr();
    }
    if (o instanceof Undefined) {
      return "Undefined";
    }
    return str(o);
  }

  private static String join(String open, Collection<?> items, String close) {
    StringBuilder b = new StringBuilder(open);
    for (Object item : items) {
      if (b.length() > open.length()) {
        b.append(", ");
      }
      b.append(repr(item));
    }
    return b.append(close).toString();
  }

  static String reprString(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder b = new StringBuilder().append(quote);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c == quote) {
            b.append('\\').append(c);
          } else if (c < 0x20 || c == 0x7f) {
            b.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append(quote).toString();
  }

  /** Python's shortest float repr: {@code 0.1}, {@code 3.0}, {@code 1e+16}, {@code 1e-05}. */
  static String floatRepr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0.0" : "0.0";
    }
    BigDecimal v = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exponent = v.precision() - v.scale() - 1;
    if (exponent < -4 || exponent >= 16) {
      String digits = v.unscaledValue().abs().toString();
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
          + String.format(java.util.Locale.ROOT, "%02d", Math.abs(exponent));
    }
    String plain = v.toPlainString();
    return plain.contains(".") ? plain : plain + ".0";
  }

  // ---- numbers

  private enum NumKind { INT, DECIMAL, FLOAT }

  private static NumKind kind(Object a, Object b) {
    if (isFloat(a) || isFloat(b)) {
      return NumKind.FLOAT;
    }
    if (a instanceof BigDecimal || b instanceof BigDecimal) {
      return NumKind.DECIMAL;
    }
    return NumKind.INT;
  }

  static BigInteger bigInt(Object o) {
    if (o instanceof BigInteger b) {
      return b;
    }
    if (o instanceof Boolean b) {
      return b ? BigInteger.ONE : BigInteger.ZERO;
    }
    return BigInteger.valueOf(((Number) o).longValue());
  }

  static BigDecimal decimal(Object o) {
    if (o instanceof BigDecimal d) {
      return d;
    }
    if (isFloat(o)) {
      return BigDecimal.valueOf(((Number) o).doubleValue());
    }
    return new BigDecimal(bigInt(o));
  }

  static double dbl(Object o) {
    if (o instanceof Boolean b) {
      return b ? 1 : 0;
    }
    return ((Number) o).doubleValue();
  }

  static Object intResult(BigInteger v) {
    return v.bitLength() < 64 ? (Object) v.longValue() : v;
  }

  private static TemplateException unsupported(String op, Object a, Object b) {
    return new TemplateException("unsupported operand type(s) for " + op + ": '" + typeName(a) + "' and '"
        + typeName(b) + "'");
  }

  private static void requireNumbers(String op, Object a, Object b) {
    if (!isNumber(a) || !isNumber(b)) {
      throw unsupported(op, a, b);
    }
  }

  public static Object add(Object a, Object b) {
    if (isString(a) && isString(b)) {
      return str(a) + str(b);
    }
    if (a instanceof PyTuple x && b instanceof PyTuple y) {
      List<Object> all = new ArrayList<>(x);
      all.addAll(y);
      return new PyTuple(all);
    }
    if (a instanceof List<?> x && b instanceof List<?> y && !(a instanceof PyTuple) && !(b instanceof PyTuple)) {
      List<Object> all = new ArrayList<>(x);
      all.addAll(y);
      return all;
    }
    if (a instanceof LocalDate || a instanceof LocalDateTime || b instanceof PyDatetime.Delta) {
      return PyDatetime.add(a, b);
    }
    requireNumbers("+", a, b);
    return switch (kind(a, b)) {
      case FLOAT -> dbl(a) + dbl(b);
      case DECIMAL -> decimal(a).add(decimal(b), DECIMAL);
      case INT -> intResult(bigInt(a).add(bigInt(b)));
    };
  }

  public static Object sub(Object a, Object b) {
    if (a instanceof LocalDate || a instanceof LocalDateTime) {
      return PyDatetime.subtract(a, b);
    }
    if (a instanceof Set<?> x && b instanceof Set<?> y) {
      Set<Object> out = new java.util.LinkedHashSet<>(x);
      out.removeAll(y);
      return out;
    }
    requireNumbers("-", a, b);
    return switch (kind(a, b)) {
      case FLOAT -> dbl(a) - dbl(b);
      case DECIMAL -> decimal(a).subtract(decimal(b), DECIMAL);
      case INT -> intResult(bigInt(a).subtract(bigInt(b)));
    };
  }

  public static Object mul(Object a, Object b) {
    if ((isString(a) || a instanceof List<?>) && (isInt(b) || b instanceof Boolean)) {
      return repeat(a, bigInt(b).intValue());
    }
    if ((isString(b) || b instanceof List<?>) && (isInt(a) || a instanceof Boolean)) {
      return repeat(b, bigInt(a).intValue());
    }
    requireNumbers("*", a, b);
    return switch (kind(a, b)) {
      case FLOAT -> dbl(a) * dbl(b);
      case DECIMAL -> decimal(a).multiply(decimal(b), DECIMAL);
      case INT -> intResult(bigInt(a).multiply(bigInt(b)));
    };
  }

  private static Object repeat(Object seq, int n) {
    if (isString(seq)) {
      return n <= 0 ? "" : str(seq).repeat(n);
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.addAll((List<?>) seq);
    }
    return seq instanceof PyTuple ? new PyTuple(out) : out;
  }

  private static void nonZero(Object b, String what) {
    if (!truthy(b)) {
      throw new TemplateException(what);
    }
  }

  public static Object truediv(Object a, Object b) {
    requireNumbers("/", a, b);
    if (kind(a, b) == NumKind.DECIMAL) {
      nonZero(b, "decimal division by zero");
      return decimal(a).divide(decimal(b), DECIMAL);
    }
    nonZero(b, kind(a, b) == NumKind.FLOAT ? "float division by zero" : "division by zero");
    return dbl(a) / dbl(b);
  }

  public static Object floordiv(Object a, Object b) {
    requireNumbers("//", a, b);
    nonZero(b, "integer division or modulo by zero");
    return switch (kind(a, b)) {
      case FLOAT -> Math.floor(dbl(a) / dbl(b));
      case DECIMAL -> decimal(a).divideToIntegralValue(decimal(b), DECIMAL);
      case INT -> {
        BigInteger[] qr = bigInt(a).divideAndRemainder(bigInt(b));
        BigInteger q = qr[0];
        if (qr[1].signum() != 0 && qr[1].signum() != bigInt(b).signum()) {
          q = q.subtract(BigInteger.ONE);
        }
        yield intResult(q);
      }
    };
  }

  public static Object mod(Object a, Object b) {
    if (isString(a)) {
      return PyFormat.percent(str(a), b);
    }
    requireNumbers("%", a, b);
    nonZero(b, "integer division or modulo by zero");
    return switch (kind(a, b)) {
      case FLOAT -> {
        double x = dbl(a);
        double y = dbl(b);
        double m = x - y * Math.floor(x / y);
        yield m;
      }
      case DECIMAL -> decimal(a).remainder(decimal(b), DECIMAL);
      case INT -> {
        BigInteger y = bigInt(b);
        BigInteger m = bigInt(a).mod(y.abs());
        if (y.signum() < 0 && m.signum() != 0) {
          m = m.add(y);
        }
        yield intResult(m);
      }
    };
  }

  public static Object pow(Object a, Object b) {
    requireNumbers("**", a, b);
    if (kind(a, b) == NumKind.INT && bigInt(b).signum() >= 0) {
      return intResult(bigInt(a).pow(bigInt(b).intValueExact()));
    }
    if (kind(a, b) == NumKind.DECIMAL && isInt(b)) {
      return decimal(a).pow(bigInt(b).intValue(), DECIMAL);
    }
    return Math.pow(dbl(a), dbl(b));
  }

  public static Object neg(Object a) {
    if (!isNumber(a)) {
      throw new TemplateException("bad operand type for unary -: '" + typeName(a) + "'");
    }
    if (isFloat(a)) {
      return -dbl(a);
    }
    if (a instanceof BigDecimal d) {
      return d.negate();
    }
    return intResult(bigInt(a).negate());
  }

  public static Object pos(Object a) {
    if (!isNumber(a)) {
      throw new TemplateException("bad operand type for unary +: '" + typeName(a) + "'");
    }
    return a instanceof Boolean ? intResult(bigInt(a)) : wrap(a);
  }

  /** Python's {@code round(v, digits)}: half to even on the float's exact binary value. */
  static double round(double v, int digits) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return v;
    }
    return new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
  }

  // ---- comparison

  public static boolean eq(Object a, Object b) {
    a = wrap(a);
    b = wrap(b);
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof Undefined || b instanceof Undefined) {
      return a instanceof Undefined && b instanceof Undefined;
    }
    if (isNumber(a) && isNumber(b)) {
      return compareNumbers(a, b) == 0;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if ((a instanceof PyTuple) != (b instanceof PyTuple) || x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!eq(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        Object other = mapGet(y, e.getKey());
        if (other == MISSING || !eq(e.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Set<?> x && b instanceof Set<?> y) {
      return x.size() == y.size() && x.stream().allMatch(v -> contains(y, v));
    }
    return a.equals(b);
  }

  private static int compareNumbers(Object a, Object b) {
    return switch (kind(a, b)) {
      case FLOAT -> Double.compare(dbl(a), dbl(b)) == 0 ? 0 : (dbl(a) < dbl(b) ? -1 : 1);
      case DECIMAL -> decimal(a).compareTo(decimal(b));
      case INT -> bigInt(a).compareTo(bigInt(b));
    };
  }

  /** Python's ordering; values of kinds that do not order fail as Python does. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int compare(Object a, Object b, String op) {
    a = wrap(a);
    b = wrap(b);
    if (isNumber(a) && isNumber(b)) {
      return compareNumbers(a, b);
    }
    if (isString(a) && isString(b)) {
      return str(a).compareTo(str(b));
    }
    if (a instanceof List<?> x && b instanceof List<?> y && (a instanceof PyTuple) == (b instanceof PyTuple)) {
      for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
        if (!eq(x.get(i), y.get(i))) {
          return compare(x.get(i), y.get(i), op);
        }
      }
      return Integer.compare(x.size(), y.size());
    }
    if (a != null && b != null && a.getClass() == b.getClass() && a instanceof Comparable c) {
      return c.compareTo(b);
    }
    throw new TemplateException("'" + op + "' not supported between instances of '" + typeName(a) + "' and '"
        + typeName(b) + "'");
  }

  /** {@code item in container}. */
  public static boolean contains(Object container, Object item) {
    if (isString(container)) {
      if (!isString(item)) {
        throw new TemplateException("'in <string>' requires string as left operand, not " + typeName(item));
      }
      return str(container).contains(str(item));
    }
    if (container instanceof Map<?, ?> m) {
      return mapGet(m, item) != MISSING;
    }
    if (container instanceof Collection<?> c) {
      for (Object v : c) {
        if (eq(v, item)) {
          return true;
        }
      }
      return false;
    }
    if (container instanceof Undefined u) {
      throw u.error();
    }
    if (container instanceof PyObject p && p.attribute("__contains__") instanceof PyCallable) {
      return truthy(((PyCallable) p.attribute("__contains__")).call(null, List.of(item), Map.of()));
    }
    if (container instanceof Iterable<?> it) {
      for (Object v : it) {
        if (eq(v, item)) {
          return true;
        }
      }
      return false;
    }
    throw new TemplateException("argument of type '" + typeName(container) + "' is not iterable");
  }

  // ---- containers

  /** The items a {@code for} loop visits: a str's characters, a dict's keys, a list's items. */
  public static List<Object> iterate(Object o) {
    if (o instanceof Undefined) {
      return List.of();
    }
    if (o instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    if (o instanceof Map<?, ?> m) {
      return new ArrayList<>(m.keySet());
    }
    if (isString(o)) {
      List<Object> chars = new ArrayList<>();
      str(o).codePoints().forEach(c -> chars.add(new String(Character.toChars(c))));
      return chars;
    }
    if (o instanceof Iterable<?> it) {
      List<Object> out = new ArrayList<>();
      for (Object v : it) {
        out.add(wrap(v));
      }
      return out;
    }
    if (o instanceof Iterator<?> it) {
      List<Object> out = new ArrayList<>();
      it.forEachRemaining(v -> out.add(wrap(v)));
      return out;
    }
    throw new TemplateException("'" + typeName(o) + "' object is not iterable");
  }

  public static int len(Object o) {
    if (isString(o)) {
      return str(o).codePointCount(0, str(o).length());
    }
    if (o instanceof Collection<?> c) {
      return c.size();
    }
    if (o instanceof Map<?, ?> m) {
      return m.size();
    }
    if (o instanceof Undefined) {
      return 0;
    }
    if (o instanceof PyObject p && p.attribute("__len__") instanceof PyCallable f) {
      return (int) ((Number) f.call(null, List.of(), Map.of())).longValue();
    }
    throw new TemplateException("object of type '" + typeName(o) + "' has no len()");
  }

  /** A dict lookup with Python's key equality (1 and 1.0 are the same key), or MISSING. */
  static Object mapGet(Map<?, ?> m, Object key) {
    Object k = wrap(key);
    if (m.containsKey(k)) {
      return m.get(k);
    }
    if (k != null && !(k instanceof String)) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (eq(e.getKey(), k)) {
          return e.getValue();
        }
      }
    }
    if (k instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE && m.containsKey(l.intValue())) {
      return m.get(l.intValue());
    }
    return MISSING;
  }

  /** {@code obj.name}: an attribute (a method of str, list, dict), else the item; MISSING if neither. */
  public static Object getattr(Object o, String name) {
    if (o instanceof PyObject p) {
      Object v = p.attribute(name);
      return v == MISSING && o instanceof Map<?, ?> m ? mapGet(m, name) : wrap(v);
    }
    PyCallable method = PyMethods.method(o, name);
    if (method != null) {
      return method;
    }
    if (o instanceof Map<?, ?> m) {
      return wrap(mapGet(m, name));
    }
    Object dated = PyDatetime.attribute(o, name);
    if (dated != MISSING) {
      return dated;
    }
    return MISSING;
  }

  /** {@code obj[key]}: the item, else an attribute of that name; MISSING if neither. */
  public static Object getitem(Object o, Object key) {
    key = wrap(key);
    if (o instanceof Map<?, ?> m) {
      Object v = mapGet(m, key);
      if (v != MISSING) {
        return wrap(v);
      }
    } else if (o instanceof List<?> l && (isInt(key) || key instanceof Boolean)) {
      int i = bigInt(key).intValue();
      int at = i < 0 ? l.size() + i : i;
      return at >= 0 && at < l.size() ? wrap(l.get(at)) : MISSING;
    } else if (isString(o) && isInt(key)) {
      String s = str(o);
      int i = bigInt(key).intValue();
      int at = i < 0 ? s.length() + i : i;
      return at >= 0 && at < s.length() ? String.valueOf(s.charAt(at)) : MISSING;
    }
    if (key instanceof String name) {
      return getattr(o, name);
    }
    return MISSING;
  }

  /** {@code seq[start:stop:step]} of a str, list or tuple. */
  public static Object slice(Object o, Object start, Object stop, Object step) {
    int n;
    if (isString(o)) {
      n = str(o).length();
    } else if (o instanceof List<?> l) {
      n = l.size();
    } else {
      throw new TemplateException("'" + typeName(o) + "' object is not subscriptable");
    }
    int st = step == null ? 1 : bigInt(step).intValue();
    if (st == 0) {
      throw new TemplateException("slice step cannot be zero");
    }
    int lo = bound(start, n, st > 0 ? 0 : n - 1, st);
    int hi = bound(stop, n, st > 0 ? n : -1, st);
    List<Integer> indexes = new ArrayList<>();
    for (int i = lo; st > 0 ? i < hi : i > hi; i += st) {
      indexes.add(i);
    }
    if (isString(o)) {
      StringBuilder b = new StringBuilder();
      indexes.forEach(i -> b.append(str(o).charAt(i)));
      return b.toString();
    }
    List<Object> out = new ArrayList<>();
    indexes.forEach(i -> out.add(((List<?>) o).get(i)));
    return o instanceof PyTuple ? new PyTuple(out) : out;
  }

  private static int bound(Object v, int n, int fallback, int step) {
    if (v == null) {
      return fallback;
    }
    int i = bigInt(v).intValue();
    if (i < 0) {
      i += n;
    }
    if (step > 0) {
      return Math.max(0, Math.min(n, i));
    }
    return Math.max(-1, Math.min(n - 1, i));
  }

  /** Python's {@code int(value)}. */
  public static Object toInt(Object v) {
    v = wrap(v);
    if (isInt(v)) {
      return v;
    }
    if (v instanceof Boolean b) {
      return b ? 1L : 0L;
    }
    if (isFloat(v)) {
      return intResult(BigDecimal.valueOf(dbl(v)).toBigInteger());
    }
    if (v instanceof BigDecimal d) {
      return intResult(d.toBigInteger());
    }
    if (isString(v)) {
      String s = str(v).strip().replace("_", "");
      try {
        return intResult(new BigInteger(s));
      } catch (NumberFormatException e) {
        throw new TemplateException("invalid literal for int() with base 10: " + reprString(str(v)));
      }
    }
    throw new TemplateException("int() argument must be a string or a number, not '" + typeName(v) + "'");
  }

  /** Python's {@code float(value)}. */
  public static double toFloat(Object v) {
    v = wrap(v);
    if (isNumber(v)) {
      return dbl(v);
    }
    if (isString(v)) {
      String s = str(v).strip().toLowerCase(java.util.Locale.ROOT);
      switch (s) {
        case "nan" -> {
          return Double.NaN;
        }
        case "inf", "infinity", "+inf" -> {
          return Double.POSITIVE_INFINITY;
        }
        case "-inf", "-infinity" -> {
          return Double.NEGATIVE_INFINITY;
        }
        default -> { }
      }
      try {
        return Double.parseDouble(s.replace("_", ""));
      } catch (NumberFormatException e) {
        throw new TemplateException("could not convert string to float: " + reprString(str(v)));
      }
    }
    throw new TemplateException("float() argument must be a string or a number, not '" + typeName(v) + "'");
  }
}
