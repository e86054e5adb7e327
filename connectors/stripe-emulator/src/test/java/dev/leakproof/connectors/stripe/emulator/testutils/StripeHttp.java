package dev.leakproof.connectors.stripe.emulator.testutils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakproof.connectors.stripe.emulator.StripeEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.StringJoiner;

/**
 * A raw HTTP client for the emulator, for what the Stripe SDK hides: exact bodies, headers, status
 * codes, idempotency keys and the control endpoints. Form bodies are given as alternating
 * name/value pairs and URL-encoded here.
 */
public final class StripeHttp {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StripeEmulator emulator;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String key;

  public StripeHttp(StripeEmulator emulator) {
    this.emulator = emulator;
    this.key = emulator.secretKey();
  }

  /** Uses another credential (a wrong key, a session token) for the following calls. */
  public StripeHttp as(String credential) {
    StripeHttp other = new StripeHttp(emulator);
    other.key = credential;
    return other;
  }

  public HttpResponse<String> post(String path, String... form) {
    return send(authed(path).header("Content-Type", "application/x-www-form-urlencoded").POST(body(form)));
  }

  public HttpResponse<String> postIdempotent(String key, String path, String... form) {
    return send(authed(path).header("Idempotency-Key", key).header("Content-Type", "application/x-www-form-urlencoded").POST(body(form)));
  }

  public HttpResponse<String> postJson(String path, String json) {
    return send(authed(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public HttpResponse<String> get(String path, String... query) {
    String q = form(query);
    return send(authed(q.isEmpty() ? path : path + "?" + q).GET());
  }

  public HttpResponse<String> delete(String path) {
    return send(authed(path).DELETE());
  }

  /** A request without Authorization (control endpoints, the HTML page, auth tests). */
  public HttpResponse<String> raw(String method, String path, String body) {
    HttpRequest.BodyPublisher p = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    return send(HttpRequest.newBuilder(uri(path)).method(method, p));
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder authed(String path) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key);
  }

  public static HttpRequest.BodyPublisher body(String... form) {
    return HttpRequest.BodyPublishers.ofString(form(form));
  }

  public static String form(String... pairs) {
    if (pairs.length % 2 != 0) {
      throw new IllegalArgumentException("form needs name/value pairs, got " + pairs.length + " strings");
    }
    StringJoiner out = new StringJoiner("&");
    for (int i = 0; i < pairs.length; i += 2) {
      out.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  /** The body as JSON after checking the status; fails with the body in the message otherwise. */
  public static JsonNode ok(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new AssertionError("expected " + status + " but got " + response.statusCode() + ": " + response.body());
    }
    return json(response);
  }

  public URI uri(String path) {
    return emulator.baseUri().resolve(path);
  }

  public static void sleep(long millis) {
    sleep(millis, 0);
  }

  public static void sleep(long millis, int nanos) {
    try {
      Thread.sleep(millis, nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
