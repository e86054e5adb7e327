package dev.leakproof.sql.template;

/**
 * Thrown by dbt's {@code return(value)}: ends the macro being rendered at once, and the macro
 * call's value is {@code value} instead of the text it printed.
 */
public final class MacroReturn extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Object value;

  public MacroReturn(Object value) {
    super(null, null, false, false);
    this.value = value;
  }

  public Object value() {
    return value;
  }
}
