package dev.leakproof.sql.template;

import java.util.Map;

/**
 * The global names a render sees after its own variables: dbt's context ({@code ref},
 * {@code var}, macros by namespace, ...). A lookup of a name it does not have returns
 * {@link Py#MISSING}, and the renderer then gives Jinja's undefined value.
 */
@FunctionalInterface
public interface Context {

  Object lookup(String name);

  /** A context of fixed values, then {@code parent}'s (null for none). */
  static Context of(Map<String, ?> values, Context parent) {
    return name -> {
      if (values.containsKey(name)) {
        return values.get(name);
      }
      return parent == null ? Py.MISSING : parent.lookup(name);
    };
  }
}
