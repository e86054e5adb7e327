package dev.leakproof.connectors.salesforce;

import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.ErrorKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Authenticated calls to the org's REST API: the bearer token (fetched on first use, fetched
 * again once on {@code INVALID_SESSION_ID}), the API budget checked before and updated after each
 * call, failures mapped by {@link SalesforceErrorParser}, Retry-After kept. A transport fault is
 * retriable when the call is safe to repeat or could not have reached the server, and state-
 * unknown otherwise.
 */
final class SalesforceHttp {

  /** Whether repeating a call can change nothing (GET) or might act twice. */
  enum Repeat { SAFE, UNSAFE }

  private final SalesforceConfig config;
  private final HttpClient http;
  private final OAuthClient oauth;
  private final ApiBudget budget;
  private AccessToken token;

  SalesforceHttp(SalesforceConfig config, HttpClient http, Clock clock) {
    this.config = config;
    this.http = http;
    this.oauth = new OAuthClient(config, http, clock);
    this.budget = new ApiBudget(config.apiReservePct());
  }

  ApiBudget budget() {
    return budget;
  }

  /** The org instance the token is for; logs in if needed. */
  synchronized URI instance() throws DestinationException {
    return token().instanceUrl();
  }

  /**
   * Sends a call to {@code path} under the data path ({@code /jobs/ingest}) and returns the body
   * of a 2xx response.
   */
  String call(String method, String path, String contentType, byte[] body, Repeat repeat, String what)
      throws DestinationException {
    budget.check(what);
    HttpResponse<byte[]> response = send(method, path, contentType, body, repeat, what, token());
    if (response.statusCode() == 401) {
      synchronized (this) {
        token = null;
      }
      response = send(method, path, contentType, body, repeat, what, token());
    }
    budget.update(response.headers().firstValue("Sforce-Limit-Info").orElse(null));
    String text = new String(response.body(), StandardCharsets.UTF_8);
    if (response.statusCode() >= 300) {
      throw SalesforceErrorParser.call(response.statusCode(), text, retryAfter(response), what);
    }
    return text;
  }

  private synchronized AccessToken token() throws DestinationException {
    if (token == null) {
      token = oauth.token();
    }
    return token;
  }

  private HttpResponse<byte[]> send(String method, String path, String contentType, byte[] body, Repeat repeat,
      String what, AccessToken auth) throws DestinationException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(auth.instanceUrl() + config.dataPath() + path))
        .timeout(config.httpTimeout())
        .header("Authorization", "Bearer " + auth.token().reveal())
        .header("Accept", path.endsWith("Results/") || path.endsWith("unprocessedrecords/")
            ? "text/csv" : "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new DestinationException(ErrorKind.RETRIABLE, "CONNECTION_REFUSED", "Cannot " + what + ": "
          + auth.instanceUrl() + " refused the connection", e);
    } catch (IOException e) {
      ErrorKind kind = repeat == Repeat.SAFE ? ErrorKind.RETRIABLE : ErrorKind.STATE_UNKNOWN;
      throw new DestinationException(kind, e instanceof java.net.http.HttpTimeoutException ? "TIMEOUT"
          : "CONNECTION_LOST", "Cannot " + what + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DestinationException(ErrorKind.STATE_UNKNOWN, "INTERRUPTED", "Interrupted while calling " + what, e);
    }
  }

  /** Retry-After in seconds or as an HTTP date; null when absent. */
  static Duration retryAfter(HttpResponse<?> response) {
    String value = response.headers().firstValue("Retry-After").orElse(null);
    if (value == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException ignored) {
        return null;
      }
    }
  }
}
