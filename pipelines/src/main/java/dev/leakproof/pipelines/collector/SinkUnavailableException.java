package dev.leakproof.pipelines.collector;

/**
 * The sink could not commit a request's events (Kafka unreachable, a commit failed or timed out,
 * the collector is closing): the request is answered 503 with Retry-After and nothing of it is
 * acknowledged.
 */
public final class SinkUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SinkUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
