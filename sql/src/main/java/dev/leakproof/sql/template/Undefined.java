package dev.leakproof.sql.template;

/**
 * Jinja's undefined value: prints as nothing, is false, iterates as empty; reading an attribute
 * of it or calling it fails with its hint ({@code 'name' is undefined}). In lenient mode (dbt's
 * parse phase) attributes and calls give the undefined value again.
 */
public final class Undefined {

  private final String hint;

  Undefined(String hint) {
    this.hint = hint;
  }

  /** Why the value is undefined: {@code 'x' is undefined}, {@code 'dict object' has no attribute 'y'}. */
  public String hint() {
    return hint;
  }

  TemplateException error() {
    return new TemplateException(hint);
  }

  @Override
  public String toString() {
    return "";
  }
}
