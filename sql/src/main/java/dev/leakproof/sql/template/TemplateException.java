package dev.leakproof.sql.template;

/**
 * A template that does not parse or render: the message names the template and the line, as
 * Jinja's {@code TemplateSyntaxError} and {@code UndefinedError} do.
 */
public class TemplateException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String template;
  private final int line;
  private final String reason;

  public TemplateException(String template, int line, String reason) {
    super(location(template, line) + reason);
    this.template = template;
    this.line = line;
    this.reason = reason;
  }

  /** A fault raised where the location is not known yet; the renderer adds it. */
  public TemplateException(String reason) {
    this(null, 0, reason);
  }

  private static String location(String template, int line) {
    if (template == null) {
      return "";
    }
    return template + (line > 0 ? ":" + line : "") + ": ";
  }

  /** The template's name, or null while unknown. */
  public String template() {
    return template;
  }

  /** 1-based line, 0 when unknown. */
  public int line() {
    return line;
  }

  /** The message without the location. */
  public String reason() {
    return reason;
  }

  /** True once the template and line are known. */
  public boolean located() {
    return template != null;
  }

  /** This fault at a location, unless it already has one. */
  TemplateException at(String name, int atLine) {
    return located() ? this : new TemplateException(name, atLine, reason);
  }
}
