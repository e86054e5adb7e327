package dev.leakproof.connectors.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.ErrorKind;
import java.time.Duration;

/**
 * The one place Stripe's errors become {@link ErrorKind}s. Every Leakproof POST carries an
 * Idempotency-Key and every meter event a deterministic identifier, so a request whose answer
 * was lost (timeout, dropped connection) is retriable: repeating it cannot act twice.
 */
public final class StripeErrors {

  private StripeErrors() {}

  /** Whether Stripe refused a meter event because it already has one with that identifier. */
  public static boolean alreadyRecorded(StripeException e) {
    return e instanceof InvalidRequestException && ("resource_already_exists".equals(e.getCode())
        || String.valueOf(e.getStripeError() == null ? e.getMessage() : e.getStripeError().getMessage())
            .startsWith("An event already exists with identifier"));
  }

  /** Whether Stripe refused a cancellation because the event is already cancelled. */
  public static boolean alreadyCancelled(StripeException e) {
    String message = e.getStripeError() == null ? e.getMessage() : e.getStripeError().getMessage();
    return e instanceof InvalidRequestException && message != null && message.contains("already been cancel");
  }

  /**
   * @param what the call, for the message ({@code send meter event lp:ACC-1:api_calls:2026-06-01:r1})
   * @param retryAfter the 429's Retry-After, or null
   */
  public static DestinationException map(StripeException e, String what, Duration retryAfter) {
    String code = e.getCode() != null ? e.getCode() : e.getClass().getSimpleName();
    String message = "Cannot " + what + ": " + (e.getStatusCode() == null ? "" : "HTTP " + e.getStatusCode() + " ")
        + firstLine(e.getStripeError() != null && e.getStripeError().getMessage() != null
            ? e.getStripeError().getMessage() : e.getMessage());
    ErrorKind kind;
    if (e instanceof RateLimitException || statusIs(e, 429)) {
      kind = ErrorKind.RETRIABLE;
      code = "rate_limit";
    } else if (e instanceof ApiConnectionException) {
      kind = ErrorKind.RETRIABLE;
      code = "connection";
    } else if (e instanceof IdempotencyException) {
      kind = ErrorKind.PERMANENT;
      code = "idempotency_error";
    } else if (e instanceof AuthenticationException || e instanceof PermissionException) {
      kind = ErrorKind.PERMANENT;
    } else if (e instanceof ApiException || (e.getStatusCode() != null && e.getStatusCode() >= 500)) {
      kind = ErrorKind.RETRIABLE;
    } else if (e instanceof InvalidRequestException) {
      kind = statusIs(e, 404) && what.startsWith("read") ? ErrorKind.PERMANENT : ErrorKind.ROW_INVALID;
    } else {
      kind = ErrorKind.PERMANENT;
    }
    return new DestinationException(kind, code, message, e, retryAfter);
  }

  private static boolean statusIs(StripeException e, int status) {
    return e.getStatusCode() != null && e.getStatusCode() == status;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
