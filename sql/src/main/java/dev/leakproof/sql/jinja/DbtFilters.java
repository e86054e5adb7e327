package dev.leakproof.sql.jinja;

import dev.leakproof.sql.template.Environment;
import dev.leakproof.sql.template.Py;
import dev.leakproof.sql.template.Template;
import dev.leakproof.sql.template.TemplateException;

/**
 * The filters dbt adds to Jinja: {@code as_text}, {@code as_bool}, {@code as_number} and
 * {@code as_native}, which turn rendered text into the value a YAML field needs.
 */
final class DbtFilters {

  private DbtFilters() {}

  static void register(Environment env) {
    env.addFilter("as_text", (in, v, a, k) -> Py.str(v));
    env.addFilter("as_native", (in, v, a, k) -> native_(v));
    env.addFilter("as_bool", (in, v, a, k) -> {
      Object n = native_(v);
      if (!(n instanceof Boolean)) {
        throw new TemplateException("Could not convert value '" + Py.str(v) + "' into type 'bool'");
      }
      return n;
    });
    env.addFilter("as_number", (in, v, a, k) -> {
      Object n = native_(v);
      if (!Py.isNumber(n) || n instanceof Boolean) {
        throw new TemplateException("Could not convert value '" + Py.str(v) + "' into type 'number'");
      }
      return n;
    });
  }

  private static Object native_(Object v) {
    if (!Py.isString(v)) {
      return v;
    }
    Object literal = Template.literal(Py.str(v));
    return literal == Py.MISSING ? v : literal;
  }
}
