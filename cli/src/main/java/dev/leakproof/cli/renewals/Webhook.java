package dev.leakproof.cli.renewals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Posts JSON to a webhook (Slack's incoming webhooks, or any endpoint taking a JSON body), with
 * an Idempotency-Key header per notification. 429 and 5xx are retried three times with backoff
 * (Retry-After honoured); the URL is a secret and is never printed, only its host.
 */
final class Webhook {

  /** Where the URL comes from when {@code --webhook} is not given. */
  static final String ENV = "LEAKPROOF_WEBHOOK_URL";

  private final URI uri;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  Webhook(URI uri) {
    if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("Invalid webhook URL: expected http(s)://host/..., got a "
          + (uri.getScheme() == null ? "relative" : uri.getScheme()) + " URL");
    }
    this.uri = uri;
  }

  String host() {
    return uri.getHost();
  }

  /**
   * @throws IOException naming the host and status when the endpoint refuses or keeps failing
   */
  void post(String json, String idempotencyKey) throws IOException, InterruptedException {
    long backoffMs = 500;
    for (int attempt = 1; ; attempt++) {
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
          .POST(HttpRequest.BodyPublishers.ofString(json)).build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return;
      }
      boolean retriable = status == 429 || status >= 500;
      if (!retriable || attempt == 3) {
        throw new IOException("Cannot post to the webhook at " + uri.getHost() + ": HTTP " + status + " "
            + response.body().lines().findFirst().orElse(""));
      }
      long wait = response.headers().firstValue("Retry-After").map(v -> {
        try {
          return Long.parseLong(v.trim()) * 1000;
        } catch (NumberFormatException e) {
          return 0L;
        }
      }).orElse(0L);
      Thread.sleep(Math.max(wait, backoffMs));
      backoffMs *= 2;
    }
  }
}
