package dev.leakproof.connectors.stripe.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;

/**
 * The single HTTP handler. Every API request goes through the same steps: count it, authenticate,
 * 429 storm fault, rate limit, injected 500, idempotency (replay, mismatch, in progress), execute,
 * save the result under its idempotency key, timeout fault, answer. A refusal before execution saves
 * nothing. Every response carries {@code Request-Id}; errors carry {@code Stripe-Should-Retry}.
 */
final class Router implements HttpHandler {

  private final List<Route> routes;
  private final Authenticator auth;
  private final RateLimiter limiter;
  private final Faults faults;
  private final IdempotencyStore idempotency;
  private final RequestCounter counter;
  private final ControlApi control;
  private final HtmlPage page;

  Router(List<Route> routes, Authenticator auth, RateLimiter limiter, Faults faults, IdempotencyStore idempotency,
      RequestCounter counter, ControlApi control, HtmlPage page) {
    this.routes = routes;
    this.auth = auth;
    this.limiter = limiter;
    this.faults = faults;
    this.idempotency = idempotency;
    this.counter = counter;
    this.control = control;
    this.page = page;
  }

  @Override
  public void handle(HttpExchange ex) {
    String requestId = Ids.random("req_", 14);
    ex.getResponseHeaders().set("Request-Id", requestId);
    String path = ex.getRequestURI().getRawPath();
    String principal = null;
    String key = null;
    try {
      if (path.startsWith(ControlApi.PREFIX)) {
        control.handle(ex, path);
        return;
      }
      if (path.equals("/") && ex.getRequestMethod().equals("GET")) {
        page.handle(ex);
        return;
      }
      counter.record(path);
      Request request = new Request(ex, HttpIo.readBody(ex));
      Route route = Route.match(routes, request);
      principal = auth.authenticate(request, route == null ? Route.Auth.SECRET_KEY : route.auth());
      if (route == null) {
        throw ApiError.unrecognizedUrl(request.method(), path);
      }
      int storm = faults.takeStorm(path);
      if (storm > 0) {
        throw ApiError.rateLimited(storm);
      }
      limiter.admit(route.bucket(), route.bucket() == RateLimiter.Bucket.STREAM ? StreamApi.eventCount(request) : 1);
      if (faults.takeServerError(path)) {
        throw ApiError.serverError("An unexpected error occurred (injected by the emulator's fault switch); the request was not executed.");
      }
      String idempotencyKey = request.method().equals("POST") ? request.header("Idempotency-Key") : null;
      if (idempotencyKey != null) {
        if (!begin(ex, request, principal, idempotencyKey, requestId)) {
          return;
        }
        key = idempotencyKey;
      }
      Response response = route.handler().handle(request);
      if (key != null) {
        idempotency.save(principal, key, response);
        key = null;
      }
      Faults.Timeout timeout = faults.takeTimeout(path);
      if (timeout != null) {
        if (timeout.mode() == Faults.TimeoutMode.DROP) {
          return;
        }
        Thread.sleep(timeout.hold().toMillis());
      }
      HttpIo.send(ex, response);
    } catch (ApiError e) {
      release(principal, key);
      respond(ex, e, path);
    } catch (IOException e) {
      release(principal, key);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      release(principal, key);
      respond(ex, ApiError.serverError("An unexpected error occurred in the emulator: " + e), path);
    } finally {
      ex.close();
    }
  }

  /** Reserves the idempotency key, or answers the request from it (replay) or refuses it; false when answered. */
  private boolean begin(HttpExchange ex, Request request, String principal, String key, String requestId) throws IOException {
    if (key.isEmpty() || key.length() > IdempotencyStore.MAX_KEY_LENGTH) {
      throw ApiError.invalid(null, "Invalid Idempotency-Key: " + key.length() + " characters (1 to " + IdempotencyStore.MAX_KEY_LENGTH + ")", null);
    }
    ex.getResponseHeaders().set("Idempotency-Key", key);
    IdempotencyStore.Outcome outcome = idempotency.begin(principal, key, request, requestId);
    switch (outcome.decision()) {
      case EXECUTE -> {
        return true;
      }
      case REPLAY -> {
        ex.getResponseHeaders().set("Idempotent-Replayed", "true");
        ex.getResponseHeaders().set("Original-Request", outcome.originalRequestId());
        HttpIo.send(ex, outcome.response());
        return false;
      }
      case MISMATCH -> throw new ApiError(400, "idempotency_error", null, "Keys for idempotent requests can only be used with the same "
          + "parameters they were first used with. Try using a key other than '" + key + "' if you meant to execute a different request.", null, 0);
      default -> throw new ApiError(409, ApiError.INVALID_REQUEST, "idempotency_key_in_use", "There is currently another in-progress "
          + "request using this Idempotency-Key ('" + key + "'). Please try again later.", null, 0);
    }
  }

  private void release(String principal, String key) {
    if (key != null) {
      idempotency.release(principal, key);
    }
  }

  static void respond(HttpExchange ex, ApiError e, String path) {
    try {
      ex.getResponseHeaders().set("Stripe-Should-Retry", Boolean.toString(e.shouldRetry()));
      if (e.status() == 429) {
        ex.getResponseHeaders().set("Retry-After", Integer.toString(e.retryAfterSeconds()));
      }
      HttpIo.sendJson(ex, e.status(), e.body(ApiVersion.of(path)));
    } catch (IOException | RuntimeException ignored) {
      // headers were already sent or the client went away
    }
  }
}
