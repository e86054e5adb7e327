package dev.leakproof.sql.jinja;

/** A template that does not render; the message names the file and line. */
public final class RenderException extends Exception {

  private static final long serialVersionUID = 1L;

  public RenderException(String message) {
    super(message);
  }
}
