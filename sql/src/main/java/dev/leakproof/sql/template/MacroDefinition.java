package dev.leakproof.sql.template;

import java.util.List;

/**
 * A macro as written in a file, not bound to any context yet: a project's macro registry keeps
 * these and binds one to a render's context each time a template looks it up, as dbt binds its
 * macros to the node being rendered.
 */
public final class MacroDefinition {

  private final Node.Macro node;
  private final String file;

  MacroDefinition(Node.Macro node, String file) {
    this.node = node;
    this.file = file;
  }

  public String name() {
    return node.name();
  }

  /** The file the macro is defined in. */
  public String file() {
    return file;
  }

  public int line() {
    return node.line();
  }

  /** Parameter names in order. */
  public List<String> params() {
    return node.params();
  }

  Node.Macro node() {
    return node;
  }

  /** A callable macro whose free names resolve in {@code globals}. */
  public Macro bind(Context globals) {
    return new Macro(node, file, null, globals);
  }
}
