package dev.leakproof.sql.template;

import java.util.HashMap;
import java.util.Map;

/**
 * One scope of variables: a template's top level, a macro call, one iteration of a for loop, a
 * with block. Names not found in the chain resolve in the context.
 */
final class Frame {

  private final Frame parent;
  private final Context context;
  private final Map<String, Object> vars = new HashMap<>();

  Frame(Frame parent, Context context) {
    this.parent = parent;
    this.context = context;
  }

  Frame child() {
    return new Frame(this, context);
  }

  Context context() {
    return context;
  }

  /** The value, or {@link Py#MISSING}. */
  Object lookup(String name) {
    for (Frame f = this; f != null; f = f.parent) {
      if (f.vars.containsKey(name)) {
        return f.vars.get(name);
      }
    }
    return context == null ? Py.MISSING : context.lookup(name);
  }

  void set(String name, Object value) {
    vars.put(name, value);
  }
}
