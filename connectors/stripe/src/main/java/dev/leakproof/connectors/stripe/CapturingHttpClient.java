package dev.leakproof.connectors.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.net.HttpURLConnectionClient;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import java.time.Duration;

/**
 * The SDK's own HTTP client, keeping the Retry-After of a 429 (the SDK's exceptions do not carry
 * response headers) for the thread that made the call.
 */
final class CapturingHttpClient extends HttpURLConnectionClient {

  private static final ThreadLocal<Duration> RETRY_AFTER = new ThreadLocal<>();

  @Override
  public StripeResponse request(StripeRequest request) throws ApiConnectionException {
    RETRY_AFTER.remove();
    StripeResponse response = super.request(request);
    if (response.code() == 429 || response.code() == 503) {
      response.headers().firstValue("Retry-After").ifPresent(v -> {
        try {
          RETRY_AFTER.set(Duration.ofSeconds(Long.parseLong(v.trim())));
        } catch (NumberFormatException ignored) {
          RETRY_AFTER.remove();
        }
      });
    }
    return response;
  }

  /** The Retry-After of this thread's last response, if it was a 429 or 503 that had one. */
  static Duration lastRetryAfter() {
    return RETRY_AFTER.get();
  }
}
