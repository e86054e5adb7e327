package dev.leakproof.connectors.salesforce.emulator.testutils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakproof.connectors.salesforce.emulator.SalesforceEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * A minimal Salesforce REST / Bulk API 2.0 client over {@link HttpClient} for tests: obtains a token
 * with the client credentials flow, sends requests, and drives ingest jobs to completion.
 */
public final class EmulatorClient {

  public static final String API = "/services/data/v62.0";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TERMINAL = Set.of("JobComplete", "Failed", "Aborted");

  private final SalesforceEmulator emulator;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String token;

  public EmulatorClient(SalesforceEmulator emulator) {
    this.emulator = emulator;
  }

  /** Logs in with the configured client id and secret; returns the token response. */
  public JsonNode login() {
    HttpResponse<String> r = form(emulator.tokenUri().getPath(), "grant_type=client_credentials&client_id="
        + enc(emulator.config().clientId()) + "&client_secret=" + enc(emulator.config().clientSecret()));
    JsonNode body = json(r);
    token = body.path("access_token").asText();
    return body;
  }

  public String token() {
    if (token == null) {
      login();
    }
    return token;
  }

  public HttpResponse<String> form(String path, String body) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public HttpResponse<String> get(String path) {
    return send(authed(path).GET());
  }

  public HttpResponse<String> postJson(String path, String json) {
    return send(authed(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public HttpResponse<String> patchJson(String path, String json) {
    return send(authed(path).header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  public HttpResponse<String> putCsv(String path, String csv) {
    return send(authed(path).header("Content-Type", "text/csv").PUT(HttpRequest.BodyPublishers.ofString(csv)));
  }

  public HttpResponse<String> delete(String path) {
    return send(authed(path).DELETE());
  }

  /** A request without Authorization, e.g. for the control endpoints and the HTML page. */
  public HttpResponse<String> raw(String method, String path, String body) {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    return send(HttpRequest.newBuilder(uri(path)).method(method, publisher));
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

  /** Creates a job from its JSON definition and returns the job id. */
  public String createJob(String jobJson) {
    HttpResponse<String> r = postJson(API + "/jobs/ingest", jobJson);
    if (r.statusCode() != 200) {
      throw new AssertionError("create job failed: " + r.statusCode() + " " + r.body());
    }
    return json(r).path("id").asText();
  }

  /** Creates, uploads, closes and waits for a job; returns its final JobInfo. */
  public JsonNode runJob(String jobJson, String csv) {
    String id = createJob(jobJson);
    HttpResponse<String> put = putCsv(API + "/jobs/ingest/" + id + "/batches", csv);
    if (put.statusCode() != 201) {
      throw new AssertionError("upload failed: " + put.statusCode() + " " + put.body());
    }
    HttpResponse<String> close = patchJson(API + "/jobs/ingest/" + id, "{\"state\":\"UploadComplete\"}");
    if (close.statusCode() != 200) {
      throw new AssertionError("close failed: " + close.statusCode() + " " + close.body());
    }
    return awaitTerminal(id);
  }

  /** Polls the job every 10 ms (5 s at most) until JobComplete, Failed or Aborted. */
  public JsonNode awaitTerminal(String id) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode info = json(get(API + "/jobs/ingest/" + id));
      if (TERMINAL.contains(info.path("state").asText())) {
        return info;
      }
      sleep(10);
    }
    throw new AssertionError("job " + id + " did not finish in 5 s");
  }

  public String results(String id, String kind) {
    HttpResponse<String> r = get(API + "/jobs/ingest/" + id + "/" + kind);
    if (r.statusCode() != 200) {
      throw new AssertionError(kind + " failed: " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder authed(String path) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token());
  }

  private URI uri(String path) {
    return emulator.baseUri().resolve(path);
  }
}
