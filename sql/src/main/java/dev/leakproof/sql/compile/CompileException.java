package dev.leakproof.sql.compile;

/**
 * A model that does not parse or validate: the message names the file and the line and column in
 * the compiled SQL (written to target/compiled/), and what is wrong there.
 */
public final class CompileException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;

  public CompileException(String file, int line, int column, String message) {
    super(file + (line > 0 ? ":" + line + ":" + column : "") + ": " + message);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  public String file() {
    return file;
  }

  /** 1-based line in the compiled SQL, 0 when unknown. */
  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
