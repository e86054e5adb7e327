package dev.leakproof.sql.template;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's two ways of formatting strings: {@code '%s-%05.2f' % (a, b)} (printf style, with
 * {@code %(name)s} against a dict) and {@code '{}-{name:>8}'.format(a, name=b)} (the format
 * mini-language: fill, alignment, sign, width, grouping, precision and type).
 */
final class PyFormat {

  private static final Pattern PERCENT = Pattern.compile(
      "%(?:\\((?<key>[^)]*)\\))?(?<flags>[-+ #0]*)(?<width>\\*|\\d+)?(?:\\.(?<prec>\\*|\\d+))?[hlL]?(?<type>[diouxXeEfFgGcrsa%])");
  private static final Pattern SPEC = Pattern.compile(
      "(?:(?<fill>.)?(?<align>[<>=^]))?(?<sign>[-+ ])?(?<alt>#)?(?<zero>0)?(?<width>\\d+)?(?<group>[,_])?"
          + "(?:\\.(?<prec>\\d+))?(?<type>[bcdeEfFgGnosxX%])?");

  private PyFormat() {}

  /** {@code format % args}. */
  static String percent(String format, Object args) {
    List<Object> values = args instanceof PyTuple t ? t : java.util.Collections.singletonList(args);
    Map<?, ?> mapping = args instanceof Map<?, ?> m ? m : null;
    Matcher m = PERCENT.matcher(format);
    StringBuilder out = new StringBuilder();
    int last = 0;
    int next = 0;
    while (m.find()) {
      out.append(format, last, m.start());
      last = m.end();
      String type = m.group("type");
      if (type.equals("%")) {
        out.append('%');
        continue;
      }
      Object value;
      if (m.group("key") != null) {
        if (mapping == null) {
          throw new TemplateException("format requires a mapping");
        }
        value = Py.mapGet(mapping, m.group("key"));
        if (value == Py.MISSING) {
          throw new TemplateException("KeyError: " + Py.repr(m.group("key")));
        }
      } else {
        if (next >= values.size()) {
          throw new TemplateException("not enough arguments for format string");
        }
        value = values.get(next++);
      }
      int width = m.group("width") == null ? 0 : Integer.parseInt(m.group("width"));
      Integer precision = m.group("prec") == null ? null : Integer.valueOf(m.group("prec"));
      String flags = m.group("flags");
      out.append(percentOne(value, type.charAt(0), flags, width, precision));
    }
    out.append(format.substring(last));
    if (mapping == null && next < values.size()) {
      throw new TemplateException("not all arguments converted during string formatting");
    }
    return out.toString();
  }

  private static String percentOne(Object value, char type, String flags, int width, Integer precision) {
    String body = switch (type) {
      case 's' -> precision == null ? Py.str(value) : cut(Py.str(value), precision);
      case 'r', 'a' -> precision == null ? Py.repr(value) : cut(Py.repr(value), precision);
      case 'd', 'i', 'u' -> signed(Py.str(Py.toInt(number(value, type))), flags);
      case 'x', 'X', 'o' -> {
        java.math.BigInteger v = Py.bigInt(Py.toInt(number(value, type)));
        String digits = v.abs().toString(type == 'o' ? 8 : 16);
        if (flags.contains("#")) {
          digits = (type == 'o' ? "0o" : "0x") + digits;
        }
        digits = type == 'X' ? digits.toUpperCase(Locale.ROOT) : digits;
        yield signed((v.signum() < 0 ? "-" : "") + digits, flags);
      }
      case 'e', 'E', 'f', 'F', 'g', 'G' -> signed(floating(Py.toFloat(number(value, type)), type,
          precision == null ? 6 : precision, flags.contains("#")), flags);
      case 'c' -> Py.isInt(value) ? new String(Character.toChars(Py.bigInt(value).intValue())) : Py.str(value);
      default -> throw new TemplateException("unsupported format character '" + type + "'");
    };
    if (body.length() >= width) {
      return body;
    }
    if (flags.contains("-")) {
      return body + " ".repeat(width - body.length());
    }
    if (flags.contains("0") && "diuxXoeEfFgG".indexOf(type) >= 0) {
      boolean sign = body.startsWith("-") || body.startsWith("+") || body.startsWith(" ");
      return (sign ? body.substring(0, 1) : "") + "0".repeat(width - body.length()) + (sign ? body.substring(1) : body);
    }
    return " ".repeat(width - body.length()) + body;
  }

  private static Object number(Object value, char type) {
    if (!Py.isNumber(value)) {
      throw new TemplateException("%" + type + " format: a real number is required, not " + Py.typeName(value));
    }
    return value;
  }

  private static String cut(String s, int n) {
    return s.length() > n ? s.substring(0, n) : s;
  }

  private static String signed(String digits, String flags) {
    if (digits.startsWith("-")) {
      return digits;
    }
    if (flags.contains("+")) {
      return "+" + digits;
    }
    return flags.contains(" ") ? " " + digits : digits;
  }

  /** A float in f, e or g notation, as Python prints it. */
  static String floating(double v, char type, int precision, boolean alternate) {
    if (Double.isNaN(v)) {
      return Character.isUpperCase(type) ? "NAN" : "nan";
    }
    if (Double.isInfinite(v)) {
      String inf = v > 0 ? "inf" : "-inf";
      return Character.isUpperCase(type) ? inf.toUpperCase(Locale.ROOT) : inf;
    }
    String s = switch (Character.toLowerCase(type)) {
      case 'f' -> new BigDecimal(v).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
      case 'e' -> exponent(v, precision);
      default -> general(v, precision == 0 ? 1 : precision, alternate);
    };
    if (v == 0 && 1 / v < 0 && !s.startsWith("-")) {
      s = "-" + s;
    }
    return Character.isUpperCase(type) ? s.toUpperCase(Locale.ROOT) : s;
  }

  private static String exponent(double v, int precision) {
    String s = String.format(Locale.ROOT, "%." + precision + "e", v);
    // Java prints e+05 style already with at least two exponent digits
    return s;
  }

  private static String general(double v, int precision, boolean alternate) {
    if (v == 0) {
      return alternate ? "0." + "0".repeat(precision - 1) : "0";
    }
    int exp = (int) Math.floor(Math.log10(Math.abs(new BigDecimal(v).round(new java.math.MathContext(precision,
        RoundingMode.HALF_EVEN)).doubleValue())));
    String s;
    if (exp < -4 || exp >= precision) {
      s = exponent(v, precision - 1);
      if (!alternate) {
        s = s.replaceFirst("\\.?0+e", "e");
      }
    } else {
      s = new BigDecimal(v).setScale(Math.max(0, precision - 1 - exp), RoundingMode.HALF_EVEN).toPlainString();
      if (!alternate && s.contains(".")) {
        s = s.replaceFirst("\\.?0+$", "");
      }
    }
    return s;
  }

  // ---- str.format

  /** {@code format.format(*args, **kwargs)}. */
  static String format(String format, List<Object> args, Map<String, Object> kwargs) {
    StringBuilder out = new StringBuilder();
    int auto = 0;
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      if (c == '{') {
        if (i + 1 < format.length() && format.charAt(i + 1) == '{') {
          out.append('{');
          i += 2;
          continue;
        }
        int close = matching(format, i);
        String field = format.substring(i + 1, close);
        i = close + 1;
        String conversion = null;
        String spec = "";
        int colon = field.indexOf(':');
        if (colon >= 0) {
          spec = field.substring(colon + 1);
          field = field.substring(0, colon);
        }
        int bang = field.indexOf('!');
        if (bang >= 0) {
          conversion = field.substring(bang + 1);
          field = field.substring(0, bang);
        }
        Matcher name = Pattern.compile("^([^.\\[]*)(.*)$").matcher(field);
        name.matches();
        String head = name.group(1);
        Object value;
        if (head.isEmpty()) {
          value = positional(args, auto++);
        } else if (head.chars().allMatch(Character::isDigit)) {
          value = positional(args, Integer.parseInt(head));
        } else if (kwargs.containsKey(head)) {
          value = kwargs.get(head);
        } else {
          throw new TemplateException("KeyError: " + Py.repr(head));
        }
        value = path(value, name.group(2));
        if ("r".equals(conversion)) {
          value = Py.repr(value);
        } else if ("s".equals(conversion)) {
          value = Py.str(value);
        }
        if (spec.contains("{")) {
          spec = format(spec, args, kwargs);
        }
        out.append(formatValue(value, spec));
      } else if (c == '}') {
        if (i + 1 < format.length() && format.charAt(i + 1) == '}') {
          out.append('}');
          i += 2;
          continue;
        }
        throw new TemplateException("Single '}' encountered in format string");
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static int matching(String format, int open) {
    int depth = 0;
    for (int j = open; j < format.length(); j++) {
      if (format.charAt(j) == '{') {
        depth++;
      } else if (format.charAt(j) == '}' && --depth == 0) {
        return j;
      }
    }
    throw new TemplateException("Single '{' encountered in format string");
  }

  private static Object positional(List<Object> args, int index) {
    if (index >= args.size()) {
      throw new TemplateException("Replacement index " + index + " out of range for positional args tuple");
    }
    return args.get(index);
  }

  private static Object path(Object value, String rest) {
    Matcher m = Pattern.compile("\\.(\\w+)|\\[([^]]+)]").matcher(rest);
    while (m.find()) {
      Object next;
      if (m.group(1) != null) {
        next = Py.getattr(value, m.group(1));
      } else {
        String key = m.group(2);
        next = Py.getitem(value, key.chars().allMatch(Character::isDigit) ? (Object) Long.valueOf(key) : key);
      }
      if (next == Py.MISSING) {
        throw new TemplateException("'" + Py.typeName(value) + "' object has no attribute or item '"
            + (m.group(1) != null ? m.group(1) : m.group(2)) + "'");
      }
      value = next;
    }
    return value;
  }

  /** {@code format(value, spec)} with Python's format mini-language. */
  static String formatValue(Object value, String spec) {
    if (spec.isEmpty()) {
      return Py.str(value);
    }
    Matcher m = SPEC.matcher(spec);
    if (!m.matches()) {
      throw new TemplateException("Invalid format specifier '" + spec + "'");
    }
    String type = m.group("type");
    String fill = m.group("fill") != null ? m.group("fill") : (m.group("zero") != null ? "0" : " ");
    String align = m.group("align") != null ? m.group("align") : (m.group("zero") != null ? "=" : null);
    int width = m.group("width") == null ? 0 : Integer.parseInt(m.group("width"));
    Integer precision = m.group("prec") == null ? null : Integer.valueOf(m.group("prec"));
    String sign = m.group("sign") == null ? "-" : m.group("sign");
    String body;
    boolean numeric = Py.isNumber(value) && !(type != null && type.equals("s"));
    if (!numeric) {
      if (type != null && !type.equals("s")) {
        throw new TemplateException("Unknown format code '" + type + "' for object of type '" + Py.typeName(value)
            + "'");
      }
      body = Py.str(value);
      if (precision != null && body.length() > precision) {
        body = body.substring(0, precision);
      }
      return pad(body, fill, align == null ? "<" : align, width);
    }
    String t = type == null ? (Py.isFloat(value) || value instanceof BigDecimal ? (precision == null ? "" : "g") : "d")
        : type;
    String digits;
    boolean negative;
    switch (t) {
      case "d", "n" -> {
        java.math.BigInteger v = Py.bigInt(Py.toInt(value));
        negative = v.signum() < 0;
        digits = group(v.abs().toString(), m.group("group"));
      }
      case "x", "X", "o", "b" -> {
        java.math.BigInteger v = Py.bigInt(Py.toInt(value));
        negative = v.signum() < 0;
        int radix = t.equalsIgnoreCase("x") ? 16 : t.equals("o") ? 8 : 2;
        digits = v.abs().toString(radix);
        if (m.group("alt") != null) {
          digits = (radix == 16 ? "0x" : radix == 8 ? "0o" : "0b") + digits;
        }
        digits = t.equals("X") ? digits.toUpperCase(Locale.ROOT) : digits;
      }
      case "%" -> {
        double v = Py.toFloat(value) * 100;
        negative = v < 0;
        digits = floating(Math.abs(v), 'f', precision == null ? 6 : precision, false) + "%";
      }
      case "" -> {
        negative = Py.toFloat(value) < 0 || (value instanceof BigDecimal d && d.signum() < 0);
        String s = Py.str(value);
        digits = negative ? s.substring(1) : s;
        int dot = digits.indexOf('.');
        digits = group(dot < 0 ? digits : digits.substring(0, dot), m.group("group")) + (dot < 0 ? ""
            : digits.substring(dot));
      }
      default -> {
        double v = Py.toFloat(value);
        negative = v < 0 || (v == 0 && 1 / v < 0);
        String s = floating(Math.abs(v), t.charAt(0), precision == null ? 6 : precision, m.group("alt") != null);
        int dot = s.indexOf('.');
        int e = s.toLowerCase(Locale.ROOT).indexOf('e');
        int intEnd = dot >= 0 ? dot : (e >= 0 ? e : s.length());
        digits = group(s.substring(0, intEnd), m.group("group")) + s.substring(intEnd);
      }
    }
    String signText = negative ? "-" : sign.equals("+") ? "+" : sign.equals(" ") ? " " : "";
    if ("=".equals(align)) {
      int missing = width - signText.length() - digits.length();
      return signText + (missing > 0 ? fill.repeat(missing) : "") + digits;
    }
    return pad(signText + digits, fill, align == null ? ">" : align, width);
  }

  private static String group(String digits, String separator) {
    if (separator == null || digits.length() <= 3) {
      return digits;
    }
    StringBuilder b = new StringBuilder();
    int first = digits.length() % 3;
    if (first > 0) {
      b.append(digits, 0, first);
    }
    for (int i = first; i < digits.length(); i += 3) {
      if (b.length() > 0) {
        b.append(separator);
      }
      b.append(digits, i, i + 3);
    }
    return b.toString();
  }

  private static String pad(String body, String fill, String align, int width) {
    int missing = width - body.length();
    if (missing <= 0) {
      return body;
    }
    return switch (align) {
      case "<" -> body + fill.repeat(missing);
      case "^" -> fill.repeat(missing / 2) + body + fill.repeat(missing - missing / 2);
      default -> fill.repeat(missing) + body;
    };
  }
}
