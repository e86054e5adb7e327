package dev.leakproof.pipelines.collector;

/** A request the collector refuses as a whole, with its HTTP status and a one-line reason. */
final class RequestException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;

  RequestException(int status, String message) {
    super(message.replace('\n', ' ').replace('\r', ' '), null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
