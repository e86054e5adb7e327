package dev.leakproof.pipelines.testutils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakproof.pipelines.collector.ApiKeys;
import dev.leakproof.schemas.events.ReferenceFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/** Reference data, API keys, events and an HTTP client for the collector's tests. */
public final class CollectorFixtures {

  public static final String WEB_KEY = "web-key-0123456789abcdef";
  public static final String MOBILE_KEY = "mobile-key-0123456789abcdef";
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private CollectorFixtures() {}

  /**
   * Writes workspaces.csv (ws-1 and ws-3 of ACC-1, ws-2 of ACC-2) and price_book.csv (api_calls,
   * storage_gb) into {@code dir} and reads them.
   */
  public static ReferenceFiles reference(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("workspaces.csv"), "workspace_id,account_id\nws-1,ACC-1\nws-2,ACC-2\nws-3,ACC-1\n");
    Files.writeString(dir.resolve("price_book.csv"), "plan_id,metric,unit_price\np1,api_calls,0.01\np1,storage_gb,1\n");
    return new ReferenceFiles(dir, 1000);
  }

  public static ApiKeys keys() {
    return ApiKeys.of(Map.of("web", WEB_KEY, "mobile", MOBILE_KEY));
  }

  /** A usage event of today. */
  public static String usage(String id, String workspace, String metric, String quantity) {
    return "{\"event_id\":\"" + id + "\",\"workspace_id\":\"" + workspace + "\",\"metric\":\"" + metric
        + "\",\"quantity\":" + quantity + ",\"occurred_at\":\"" + today() + "T10:00:00Z\"}";
  }

  /** A seat event of today. */
  public static String seat(String id, String workspace, String user, String action) {
    return "{\"event_id\":\"" + id + "\",\"workspace_id\":\"" + workspace + "\",\"user_id\":\"" + user
        + "\",\"action\":\"" + action + "\",\"occurred_at\":\"" + today() + "T10:00:00Z\"}";
  }

  public static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  public static HttpResponse<String> post(String url, String contentType, String body, String key) {
    return post(url, contentType, body.getBytes(StandardCharsets.UTF_8), key);
  }

  public static HttpResponse<String> post(String url, String contentType, byte[] body, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(90))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return send(b.build());
  }

  public static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
