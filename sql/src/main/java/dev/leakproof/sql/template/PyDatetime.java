package dev.leakproof.sql.template;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Python's {@code datetime} for templates: dates are LocalDate, datetimes LocalDateTime (naive)
 * or OffsetDateTime (aware), timedeltas {@link Delta}; their attributes and methods
 * ({@code year}, {@code strftime}, {@code isoformat}, ...), arithmetic, and the module object dbt
 * exposes as {@code modules.datetime}.
 */
public final class PyDatetime {

  private PyDatetime() {}

  /** Python's timedelta. */
  public record Delta(Duration duration) implements PyObject {
    @Override
    public Object attribute(String name) {
      long micros = duration.toNanos() / 1000;
      long days = Math.floorDiv(micros, 86_400_000_000L);
      long rest = micros - days * 86_400_000_000L;
      return switch (name) {
        case "days" -> days;
        case "seconds" -> rest / 1_000_000;
        case "microseconds" -> rest % 1_000_000;
        case "total_seconds" -> (PyCallable) (in, a, k) -> duration.toNanos() / 1e9;
        default -> Py.MISSING;
      };
    }

    @Override
    public String pyStr() {
      long days = (long) attribute("days");
      long seconds = (long) attribute("seconds");
      long micros = (long) attribute("microseconds");
      String time = String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
          + (micros == 0 ? "" : String.format(Locale.ROOT, ".%06d", micros));
      return days == 0 ? time : days + " day" + (Math.abs(days) == 1 ? "" : "s") + ", " + time;
    }

    @Override
    public String typeName() {
      return "datetime.timedelta";
    }
  }

  /** The attribute of a date or datetime, or MISSING. */
  static Object attribute(Object o, String name) {
    if (o instanceof LocalDate d) {
      return dateAttribute(d, name);
    }
    if (o instanceof LocalDateTime t) {
      return dateTimeAttribute(t, null, name);
    }
    if (o instanceof OffsetDateTime t) {
      return dateTimeAttribute(t.toLocalDateTime(), t.getOffset(), name);
    }
    return Py.MISSING;
  }

  private static Object dateAttribute(LocalDate d, String name) {
    return switch (name) {
      case "year" -> (long) d.getYear();
      case "month" -> (long) d.getMonthValue();
      case "day" -> (long) d.getDayOfMonth();
      case "weekday" -> fn(a -> (long) d.getDayOfWeek().getValue() - 1);
      case "isoweekday" -> fn(a -> (long) d.getDayOfWeek().getValue());
      case "isoformat" -> fn(a -> d.toString());
      case "strftime" -> fn(a -> strftime(d.atStartOfDay(), null, Py.str(a.get(0))));
      case "isocalendar" -> fn(a -> PyTuple.of((long) d.get(IsoFields.WEEK_BASED_YEAR),
          (long) d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), (long) d.getDayOfWeek().getValue()));
      case "toordinal" -> fn(a -> d.toEpochDay() + 719_163L);
      case "replace" -> (PyCallable) (in, a, k) -> LocalDate.of(num(k, "year", d.getYear()),
          num(k, "month", d.getMonthValue()), num(k, "day", d.getDayOfMonth()));
      default -> Py.MISSING;
    };
  }

  private static Object dateTimeAttribute(LocalDateTime t, ZoneOffset offset, String name) {
    return switch (name) {
      case "year", "month", "day", "weekday", "isoweekday", "isocalendar", "toordinal" ->
          dateAttribute(t.toLocalDate(), name);
      case "hour" -> (long) t.getHour();
      case "minute" -> (long) t.getMinute();
      case "second" -> (long) t.getSecond();
      case "microsecond" -> (long) t.getNano() / 1000;
      case "tzinfo" -> offset == null ? null : offset.toString();
      case "date" -> fn(a -> t.toLocalDate());
      case "time" -> fn(a -> t.toLocalTime().toString());
      case "isoformat" -> fn(a -> {
        String sep = a.isEmpty() ? "T" : Py.str(a.get(0));
        String s = Py.str(offset == null ? t : t.atOffset(offset)).replaceFirst(" ", sep);
        return s;
      });
      case "strftime" -> fn(a -> strftime(t, offset, Py.str(a.get(0))));
      case "timestamp" -> fn(a -> t.toEpochSecond(offset == null ? ZoneOffset.UTC : offset) + t.getNano() / 1e9);
      case "astimezone" -> fn(a -> t.atOffset(offset == null ? ZoneOffset.UTC : offset)
          .withOffsetSameInstant(ZoneOffset.UTC));
      case "replace" -> (PyCallable) (in, a, k) -> {
        LocalDateTime r = LocalDateTime.of(num(k, "year", t.getYear()), num(k, "month", t.getMonthValue()),
            num(k, "day", t.getDayOfMonth()), num(k, "hour", t.getHour()), num(k, "minute", t.getMinute()),
            num(k, "second", t.getSecond()), num(k, "microsecond", t.getNano() / 1000) * 1000);
        if (k.containsKey("tzinfo")) {
          return k.get("tzinfo") == null ? r : r.atOffset(ZoneOffset.UTC);
        }
        return offset == null ? r : r.atOffset(offset);
      };
      default -> Py.MISSING;
    };
  }

  private static int num(Map<String, Object> kwargs, String key, int fallback) {
    return kwargs.containsKey(key) ? Args.integer(kwargs.get(key), key) : fallback;
  }

  private static PyCallable fn(java.util.function.Function<List<Object>, Object> f) {
    return (in, args, kwargs) -> f.apply(args);
  }

  static Object add(Object a, Object b) {
    if (a instanceof Delta x && b instanceof Delta y) {
      return new Delta(x.duration().plus(y.duration()));
    }
    if (b instanceof Delta d) {
      return shift(a, d.duration());
    }
    if (a instanceof Delta d) {
      return shift(b, d.duration());
    }
    throw new TemplateException("unsupported operand type(s) for +: '" + Py.typeName(a) + "' and '"
        + Py.typeName(b) + "'");
  }

  static Object subtract(Object a, Object b) {
    if (b instanceof Delta d) {
      return shift(a, d.duration().negated());
    }
    if (a instanceof LocalDate x && b instanceof LocalDate y) {
      return new Delta(Duration.ofDays(ChronoUnit.DAYS.between(y, x)));
    }
    if (a instanceof LocalDateTime x && b instanceof LocalDateTime y) {
      return new Delta(Duration.between(y, x));
    }
    if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
      return new Delta(Duration.between(y, x));
    }
    throw new TemplateException("unsupported operand type(s) for -: '" + Py.typeName(a) + "' and '"
        + Py.typeName(b) + "'");
  }

  private static Object shift(Object o, Duration d) {
    if (o instanceof LocalDate date) {
      return date.plusDays(d.toDays());
    }
    if (o instanceof LocalDateTime t) {
      return t.plus(d);
    }
    if (o instanceof OffsetDateTime t) {
      return t.plus(d);
    }
    throw new TemplateException("unsupported operand type(s) for +: '" + Py.typeName(o) + "' and 'datetime.timedelta'");
  }

  /** Python's strftime directives. */
  static String strftime(LocalDateTime t, ZoneOffset offset, String format) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        out.append(c);
        continue;
      }
      char d = format.charAt(++i);
      out.append(switch (d) {
        case 'Y' -> String.format(Locale.ROOT, "%04d", t.getYear());
        case 'y' -> String.format(Locale.ROOT, "%02d", t.getYear() % 100);
        case 'm' -> String.format(Locale.ROOT, "%02d", t.getMonthValue());
        case 'd' -> String.format(Locale.ROOT, "%02d", t.getDayOfMonth());
        case 'H' -> String.format(Locale.ROOT, "%02d", t.getHour());
        case 'I' -> String.format(Locale.ROOT, "%02d", t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
        case 'M' -> String.format(Locale.ROOT, "%02d", t.getMinute());
        case 'S' -> String.format(Locale.ROOT, "%02d", t.getSecond());
        case 'f' -> String.format(Locale.ROOT, "%06d", t.getNano() / 1000);
        case 'p' -> t.getHour() < 12 ? "AM" : "PM";
        case 'j' -> String.format(Locale.ROOT, "%03d", t.getDayOfYear());
        case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        case 'b' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        case 'w' -> String.valueOf(t.getDayOfWeek().getValue() % 7);
        case 'u' -> String.valueOf(t.getDayOfWeek().getValue());
        case 'U' -> String.format(Locale.ROOT, "%02d", (t.getDayOfYear() + 6 - t.getDayOfWeek().getValue() % 7) / 7);
        case 'W' -> String.format(Locale.ROOT, "%02d",
            (t.getDayOfYear() + 6 - (t.getDayOfWeek().getValue() + 6) % 7) / 7);
        case 'V' -> String.format(Locale.ROOT, "%02d", t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        case 'G' -> String.format(Locale.ROOT, "%04d", t.get(IsoFields.WEEK_BASED_YEAR));
        case 'z' -> offset == null ? "" : offset.getId().equals("Z") ? "+0000" : offset.getId().replace(":", "");
        case 'Z' -> offset == null ? "" : "UTC";
        case '%' -> "%";
        default -> "%" + d;
      });
    }
    return out.toString();
  }

  /** Python's strptime for the common directives; naive result unless %z is given. */
  static Object strptime(String text, String format) {
    StringBuilder regex = new StringBuilder();
    List<Character> fields = new java.util.ArrayList<>();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c == '%' && i + 1 < format.length()) {
        char d = format.charAt(++i);
        String part = switch (d) {
          case 'Y' -> "(\\d{4})";
          case 'm', 'd', 'H', 'M', 'S', 'y', 'I' -> "(\\d{1,2})";
          case 'f' -> "(\\d{1,6})";
          case 'j' -> "(\\d{1,3})";
          case 'p' -> "(AM|PM|am|pm)";
          case 'b', 'B', 'a', 'A' -> "([A-Za-z]+)";
          case 'z' -> "([+-]\\d{2}:?\\d{2}|Z)";
          case '%' -> "%";
          default -> throw new TemplateException("strptime: unsupported directive %" + d);
        };
        if (d != '%') {
          fields.add(d);
        }
        regex.append(part);
      } else {
        regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex.toString()).matcher(text);
    if (!m.matches()) {
      throw new TemplateException("time data " + Py.repr(text) + " does not match format " + Py.repr(format));
    }
    int year = 1900;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int micro = 0;
    boolean pm = false;
    ZoneOffset offset = null;
    for (int g = 0; g < fields.size(); g++) {
      String v = m.group(g + 1);
      switch (fields.get(g)) {
        case 'Y' -> year = Integer.parseInt(v);
        case 'y' -> year = 2000 + Integer.parseInt(v) - (Integer.parseInt(v) >= 69 ? 100 : 0);
        case 'm' -> month = Integer.parseInt(v);
        case 'd' -> day = Integer.parseInt(v);
        case 'H', 'I' -> hour = Integer.parseInt(v);
        case 'M' -> minute = Integer.parseInt(v);
        case 'S' -> second = Integer.parseInt(v);
        case 'f' -> micro = Integer.parseInt((v + "00000").substring(0, 6));
        case 'p' -> pm = v.equalsIgnoreCase("PM");
        case 'b', 'B' -> month = monthOf(v);
        case 'z' -> offset = v.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(v.length() == 5 ? v.substring(0, 3) + ":"
            + v.substring(3) : v);
        default -> { }
      }
    }
    if (pm && hour < 12) {
      hour += 12;
    }
    LocalDateTime t = LocalDateTime.of(year, month, day, hour, minute, second, micro * 1000);
    return offset == null ? t : t.atOffset(offset);
  }

  private static int monthOf(String name) {
    for (java.time.Month m : java.time.Month.values()) {
      if (m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).equalsIgnoreCase(name)
          || m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(name)) {
        return m.getValue();
      }
    }
    throw new TemplateException("unknown month name " + Py.repr(name));
  }

  /** {@code modules.datetime}: the datetime, date, timedelta and timezone types. */
  public static PyObject module(java.time.Clock clock) {
    return name -> switch (name) {
      case "datetime" -> new TypeObject("datetime.datetime", (in, a, k) -> LocalDateTime.of(
          Args.integer(a.get(0), "year"), Args.integer(a.get(1), "month"), Args.integer(a.get(2), "day"),
          a.size() > 3 ? Args.integer(a.get(3), "hour") : num(k, "hour", 0),
          a.size() > 4 ? Args.integer(a.get(4), "minute") : num(k, "minute", 0),
          a.size() > 5 ? Args.integer(a.get(5), "second") : num(k, "second", 0),
          (a.size() > 6 ? Args.integer(a.get(6), "microsecond") : num(k, "microsecond", 0)) * 1000), Map.of(
          "now", (PyCallable) (in, a, k) -> a.isEmpty() && !k.containsKey("tz") ? LocalDateTime.now(clock)
              : OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
          "utcnow", (PyCallable) (in, a, k) -> LocalDateTime.now(clock.withZone(ZoneOffset.UTC)),
          "today", (PyCallable) (in, a, k) -> LocalDateTime.now(clock),
          "strptime", (PyCallable) (in, a, k) -> strptime(Py.str(a.get(0)), Py.str(a.get(1))),
          "fromisoformat", (PyCallable) (in, a, k) -> fromIso(Py.str(a.get(0))),
          "combine", (PyCallable) (in, a, k) -> ((LocalDate) a.get(0)).atTime(LocalTime.parse(Py.str(a.get(1)))),
          "min", LocalDateTime.of(1, 1, 1, 0, 0), "max", LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000)));
      case "date" -> new TypeObject("datetime.date", (in, a, k) -> LocalDate.of(Args.integer(a.get(0), "year"),
          Args.integer(a.get(1), "month"), Args.integer(a.get(2), "day")), Map.of(
          "today", (PyCallable) (in, a, k) -> LocalDate.now(clock),
          "fromisoformat", (PyCallable) (in, a, k) -> LocalDate.parse(Py.str(a.get(0))),
          "min", LocalDate.of(1, 1, 1), "max", LocalDate.of(9999, 12, 31)));
      case "timedelta" -> new TypeObject("datetime.timedelta", PyDatetime::timedelta, Map.of());
      case "timezone" -> (PyObject) n -> n.equals("utc") ? "UTC" : Py.MISSING;
      case "MINYEAR" -> 1L;
      case "MAXYEAR" -> 9999L;
      default -> Py.MISSING;
    };
  }

  private static Object fromIso(String s) {
    if (s.length() <= 10) {
      return LocalDate.parse(s).atStartOfDay();
    }
    String t = s.replace(' ', 'T');
    if (t.endsWith("Z") || t.matches(".*[+-]\\d{2}:?\\d{2}$")) {
      return OffsetDateTime.parse(t.endsWith("Z") ? t : t.replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2"));
    }
    return LocalDateTime.parse(t);
  }

  private static Object timedelta(Interpreter in, List<Object> a, Map<String, Object> k) {
    double days = a.isEmpty() ? dbl(k, "days") : Py.toFloat(a.get(0));
    double seconds = a.size() > 1 ? Py.toFloat(a.get(1)) : dbl(k, "seconds");
    double micros = a.size() > 2 ? Py.toFloat(a.get(2)) : dbl(k, "microseconds");
    double total = days * 86400e6 + seconds * 1e6 + micros + dbl(k, "milliseconds") * 1e3
        + dbl(k, "minutes") * 60e6 + dbl(k, "hours") * 3600e6 + dbl(k, "weeks") * 7 * 86400e6;
    return new Delta(Duration.ofNanos(Math.round(total) * 1000));
  }

  private static double dbl(Map<String, Object> k, String key) {
    return k.containsKey(key) ? Py.toFloat(k.get(key)) : 0;
  }

  /** A Python type: callable to construct, with class attributes ({@code datetime.now}). */
  record TypeObject(String name, PyCallable constructor, Map<String, Object> attributes)
      implements PyObject, PyCallable {
    @Override
    public Object attribute(String attribute) {
      return attributes.containsKey(attribute) ? attributes.get(attribute) : Py.MISSING;
    }

    @Override
    public Object call(Interpreter interpreter, List<Object> args, Map<String, Object> kwargs) {
      return constructor.call(interpreter, args, kwargs);
    }

    @Override
    public String pyStr() {
      return "<class '" + name + "'>";
    }
  }
}
