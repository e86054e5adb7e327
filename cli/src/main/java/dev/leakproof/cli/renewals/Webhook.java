package dev.leakproof.cli.renewals;

import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.ErrorKind;
import dev.leakproof.connectors.api.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Posts JSON to a webhook (Slack's incoming webhooks, or any endpoint taking a JSON body), with
 * an Idempotency-Key header per notification. 429 and 5xx are retried with the engine's
 * {@link RetryPolicy} (three attempts, Retry-After honoured); the URL is a secret and is never
 * printed, only its host.
 */
public final class Webhook {

  /** Where the URL comes from when {@code --webhook} is not given. */
  public static final String ENV = "LEAKPROOF_WEBHOOK_URL";

  /** Three attempts, up to 0.5 s then 1 s apart (full jitter), or what Retry-After asks. */
  private static final RetryPolicy RETRIES = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(30));
  private static final RandomGenerator RANDOM = RandomGenerator.getDefault();

  private final URI uri;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public Webhook(URI uri) {
    if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("Invalid webhook URL: expected http(s)://host/..., got a "
          + (uri.getScheme() == null ? "relative" : uri.getScheme()) + " URL");
    }
    this.uri = uri;
  }

  public String host() {
    return uri.getHost();
  }

  /**
   * @throws IOException naming the host and status when the endpoint refuses or keeps failing
   */
  public void post(String json, String idempotencyKey) throws IOException, InterruptedException {
    try {
      RETRIES.call(() -> attempt(json, idempotencyKey), RetryPolicy.Sleeper.REAL, RANDOM,
          (next, wait, cause) -> { });
    } catch (DestinationException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getMessage(), e);
    }
  }

  private Void attempt(String json, String idempotencyKey) throws DestinationException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DestinationException(ErrorKind.PERMANENT, "IO", "Cannot post to the webhook at " + uri.getHost()
          + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DestinationException(ErrorKind.STATE_UNKNOWN, "INTERRUPTED", "Interrupted posting to the webhook", e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return null;
    }
    ErrorKind kind = status == 429 || status >= 500 ? ErrorKind.RETRIABLE : ErrorKind.PERMANENT;
    Duration retryAfter = response.headers().firstValue("Retry-After").flatMap(Webhook::seconds).orElse(null);
    throw new DestinationException(kind, "HTTP_" + status, "Cannot post to the webhook at " + uri.getHost()
        + ": HTTP " + status + " " + response.body().lines().findFirst().orElse(""), null, retryAfter);
  }

  private static java.util.Optional<Duration> seconds(String value) {
    try {
      return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }
}
