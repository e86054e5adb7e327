package dev.leakproof.connectors.api;

/**
 * A destination call that failed as a whole (not one row): its kind says whether the engine may
 * retry, must stop, or must reconcile before sending again.
 */
public final class DestinationException extends Exception {

  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;
  private final String code;
  private final java.time.Duration retryAfter;

  public DestinationException(ErrorKind kind, String code, String message, Throwable cause) {
    this(kind, code, message, cause, null);
  }

  /** @param retryAfter how long the destination asked to wait (its Retry-After), or null */
  public DestinationException(ErrorKind kind, String code, String message, Throwable cause,
      java.time.Duration retryAfter) {
    super(message, cause);
    this.kind = kind;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  public DestinationException(ErrorKind kind, String code, String message) {
    this(kind, code, message, null, null);
  }

  /** The wait the destination asked for before a retry, if it said. */
  public java.util.Optional<java.time.Duration> retryAfter() {
    return java.util.Optional.ofNullable(retryAfter);
  }

  public ErrorKind kind() {
    return kind;
  }

  /** The destination's error code, or a Leakproof one ({@code TIMEOUT}) for transport faults. */
  public String code() {
    return code;
  }
}
