package dev.leakproof.connectors.salesforce.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The single HTTP handler: applies connection and status faults, then routes to the token endpoint,
 * the data API, the control endpoints or the HTML page. Every refusal becomes the documented JSON
 * error shape; unexpected failures become {@code UNKNOWN_EXCEPTION}, never a stack trace.
 */
final class Router implements HttpHandler {

  private final Faults faults;
  private final ApiUsage usage;
  private final OAuthEndpoint oauth;
  private final DataApi data;
  private final ControlApi control;
  private final HtmlPage page;

  Router(Faults faults, ApiUsage usage, OAuthEndpoint oauth, DataApi data, ControlApi control, HtmlPage page) {
    this.faults = faults;
    this.usage = usage;
    this.oauth = oauth;
    this.data = data;
    this.control = control;
    this.page = page;
  }

  @Override
  public void handle(HttpExchange ex) {
    String path = ex.getRequestURI().getRawPath();
    boolean token = path.equals(OAuthEndpoint.PATH) || path.equals(OAuthEndpoint.PATH + "/");
    try {
      if (path.startsWith(ControlApi.PREFIX)) {
        control.handle(ex, path);
        return;
      }
      if (faults.takeDrop(path)) {
        return;
      }
      boolean api = path.equals(DataApi.PREFIX) || path.startsWith(DataApi.PREFIX + "/");
      if (api) {
        ex.getResponseHeaders().set("Sforce-Limit-Info", usage.header());
      }
      Faults.HttpFault fault = faults.takeStatusFault(path);
      if (fault != null) {
        sendFault(ex, fault, token);
      } else if (token) {
        oauth.handle(ex);
      } else if (api) {
        data.handle(ex, path);
      } else if (ex.getRequestMethod().equals("GET") && (path.equals("/") || path.startsWith("/records/"))) {
        page.handle(ex, path);
      } else {
        throw ApiException.notFound("The requested resource does not exist");
      }
    } catch (ApiException e) {
      respond(ex, e, token);
    } catch (IOException e) {
      // the client went away; nothing to answer
    } catch (RuntimeException e) {
      respond(ex, new ApiException(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred in the emulator: " + e.getClass().getSimpleName()), token);
    } finally {
      ex.close();
    }
  }

  private static void sendFault(HttpExchange ex, Faults.HttpFault fault, boolean token) throws IOException {
    ex.getResponseHeaders().set("Retry-After", Integer.toString(fault.retryAfterSeconds()));
    if (token) {
      OAuthEndpoint.error(ex, fault.status(), fault.status() == 429 ? "rate_limited" : "temporarily_unavailable",
          "emulated fault; retry after " + fault.retryAfterSeconds() + " s");
      return;
    }
    String code = fault.status() == 429 ? "REQUEST_LIMIT_EXCEEDED" : "SERVER_UNAVAILABLE";
    String message = fault.status() == 429 ? "Too many requests; retry after " + fault.retryAfterSeconds() + " seconds."
        : "Service temporarily unavailable; retry after " + fault.retryAfterSeconds() + " seconds.";
    HttpIo.sendJson(ex, fault.status(), List.of(Map.of("errorCode", code, "message", message)));
  }

  private static void respond(HttpExchange ex, ApiException e, boolean token) {
    try {
      if (token) {
        OAuthEndpoint.error(ex, e.status(), e.status() >= 500 ? "server_error" : "invalid_request", e.getMessage());
      } else {
        HttpIo.sendError(ex, e);
      }
    } catch (IOException | RuntimeException ignored) {
      // headers were already sent or the client went away
    }
  }
}
