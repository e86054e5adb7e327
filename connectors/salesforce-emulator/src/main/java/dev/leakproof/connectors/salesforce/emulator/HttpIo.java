package dev.leakproof.connectors.salesforce.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Reading requests and writing JSON, CSV, HTML and Salesforce error arrays on an exchange. */
final class HttpIo {

  static final ObjectMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
  /** Largest JSON or form body the emulator reads (job creation, PATCH, token requests). */
  static final long MAX_SMALL_BODY = 1024 * 1024;

  private HttpIo() {
  }

  /** The request body, or {@code tooLarge} thrown as soon as it passes {@code max} bytes. */
  static byte[] readBody(HttpExchange ex, long max, Supplier<ApiException> tooLarge) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    try (InputStream in = ex.getRequestBody()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > max) {
          throw tooLarge.get();
        }
        out.write(buf, 0, n);
      }
    }
    return out.toByteArray();
  }

  static JsonNode readJson(HttpExchange ex) throws IOException {
    byte[] body = readBody(ex, MAX_SMALL_BODY, () -> jsonError("request body larger than " + MAX_SMALL_BODY + " bytes"));
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw jsonError("expected a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw jsonError(e.getOriginalMessage());
    }
  }

  private static ApiException jsonError(String why) {
    return ApiException.jsonParser("Unable to parse the request body: " + why);
  }

  static Map<String, String> decodeForm(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        out.putIfAbsent(key, value);
      }
    }
    return out;
  }

  static void sendJson(HttpExchange ex, int status, Object body) throws IOException {
    send(ex, status, "application/json;charset=UTF-8", JSON.writeValueAsBytes(body));
  }

  static void sendText(HttpExchange ex, int status, String contentType, String body) throws IOException {
    send(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  static void sendEmpty(HttpExchange ex, int status) throws IOException {
    ex.sendResponseHeaders(status, -1);
  }

  static void sendError(HttpExchange ex, ApiException e) throws IOException {
    Map<String, String> error = new LinkedHashMap<>();
    error.put("errorCode", e.errorCode());
    error.put("message", e.getMessage());
    sendJson(ex, e.status(), List.of(error));
  }

  private static void send(HttpExchange ex, int status, String contentType, byte[] bytes) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    if ("HEAD".equals(ex.getRequestMethod())) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
