package dev.leakproof.connectors.stripe.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the emulator refuses, answered as Stripe's error object
 * {@code {"error":{"type":..., "code":..., "message":..., "param":...}}} (null members omitted) with
 * the HTTP status, {@code Stripe-Should-Retry} and, for 429, {@code Retry-After}.
 */
final class ApiError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  static final String INVALID_REQUEST = "invalid_request_error";

  private final int status;
  private final String type;
  private final String code;
  private final String param;
  private final int retryAfterSeconds;

  ApiError(int status, String type, String code, String message, String param, int retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static ApiError invalid(String code, String message, String param) {
    return new ApiError(400, INVALID_REQUEST, code, message, param, 0);
  }

  static ApiError missing(String param) {
    return invalid("parameter_missing", "Missing required param: " + param + ".", param);
  }

  static ApiError notFound(String kind, String id, String param) {
    return new ApiError(404, INVALID_REQUEST, "resource_missing", "No such " + kind + ": '" + id + "'", param, 0);
  }

  static ApiError unrecognizedUrl(String method, String path) {
    return new ApiError(404, INVALID_REQUEST, null, "Unrecognized request URL (" + method + ": " + path
        + "). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.", null, 0);
  }

  static ApiError unauthorized(String message) {
    return new ApiError(401, INVALID_REQUEST, null, message, null, 0);
  }

  static ApiError rateLimited(int retryAfterSeconds) {
    return new ApiError(429, INVALID_REQUEST, "rate_limit", "Request rate limit exceeded. You can learn more about rate limits here "
        + "https://stripe.com/docs/rate-limits. Retry after " + retryAfterSeconds + " s.", null, Math.max(1, retryAfterSeconds));
  }

  static ApiError serverError(String message) {
    return new ApiError(500, "api_error", null, message, null, 0);
  }

  int status() {
    return status;
  }

  int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** What {@code Stripe-Should-Retry} says: yes for 409, 429 and 5xx, no for every other refusal. */
  boolean shouldRetry() {
    return status == 409 || status == 429 || status >= 500;
  }

  /** The JSON body; v2 errors carry no {@code param}. */
  Map<String, Object> body(ApiVersion version) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", type);
    if (code != null) {
      error.put("code", code);
    }
    error.put("message", getMessage());
    if (param != null && version == ApiVersion.V1) {
      error.put("param", param);
    }
    return Map.of("error", error);
  }
}
