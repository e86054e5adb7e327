package dev.leakproof.connectors.api;

/**
 * A destination call that failed as a whole (not one row): its kind says whether the engine may
 * retry, must stop, or must reconcile before sending again.
 */
public final class DestinationException extends Exception {

  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;
  private final String code;

  public DestinationException(ErrorKind kind, String code, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.code = code;
  }

  public DestinationException(ErrorKind kind, String code, String message) {
    this(kind, code, message, null);
  }

  public ErrorKind kind() {
    return kind;
  }

  /** The destination's error code, or a Leakproof one ({@code TIMEOUT}) for transport faults. */
  public String code() {
    return code;
  }
}
