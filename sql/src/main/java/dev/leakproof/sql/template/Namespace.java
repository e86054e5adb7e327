package dev.leakproof.sql.template;

import java.util.LinkedHashMap;
import java.util.Map;

/** Jinja's {@code namespace(...)}: attributes a loop body can assign to with {@code set ns.x = ...}. */
public final class Namespace implements PyObject {

  final Map<String, Object> values = new LinkedHashMap<>();

  Namespace(Map<String, Object> initial) {
    values.putAll(initial);
  }

  @Override
  public Object attribute(String name) {
    return values.containsKey(name) ? values.get(name) : Py.MISSING;
  }

  @Override
  public String pyStr() {
    StringBuilder b = new StringBuilder("<Namespace {");
    values.forEach((k, v) -> b.append(b.length() > 12 ? ", " : "").append(Py.repr(k)).append(": ").append(Py.repr(v)));
    return b.append("}>").toString();
  }
}
