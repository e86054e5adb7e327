package dev.leakproof.connectors.stripe.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reading request bodies and writing JSON and HTML on an exchange. */
final class HttpIo {

  static final ObjectMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
  /** Largest request body the emulator reads; a full stream request of 100 events is far below it. */
  static final int MAX_BODY = 1024 * 1024;

  private HttpIo() {
  }

  /**
   * The whole request body.
   *
   * @throws ApiError if it is larger than {@link #MAX_BODY}
   */
  static byte[] readBody(HttpExchange ex) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    byte[] buf = new byte[16 * 1024];
    try (InputStream in = ex.getRequestBody()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        if (out.size() + n > MAX_BODY) {
          throw ApiError.invalid(null, "Invalid request body: larger than " + MAX_BODY + " bytes", null);
        }
        out.write(buf, 0, n);
      }
    }
    return out.toByteArray();
  }

  static byte[] json(Object body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void send(HttpExchange ex, Response response) throws IOException {
    send(ex, response.status(), "application/json", response.body());
  }

  static void sendJson(HttpExchange ex, int status, Object body) throws IOException {
    send(ex, status, "application/json", json(body));
  }

  static void sendHtml(HttpExchange ex, String html) throws IOException {
    send(ex, 200, "text/html;charset=UTF-8", html.getBytes(StandardCharsets.UTF_8));
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
