package dev.leakproof.connectors.stripe.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One API request as the handlers see it: method, path, the id taken from the path, the raw body,
 * and the parameters decoded once on first use (v1 form or query string, v2 JSON).
 */
final class Request {

  private final HttpExchange exchange;
  private final String method;
  private final String path;
  private final ApiVersion version;
  private final byte[] body;
  private String pathId;
  private Params params;
  private JsonNode json;

  Request(HttpExchange exchange, byte[] body) {
    this.exchange = exchange;
    this.method = exchange.getRequestMethod();
    this.path = exchange.getRequestURI().getRawPath();
    this.version = ApiVersion.of(path);
    this.body = body;
  }

  String method() {
    return method;
  }

  String path() {
    return path;
  }

  ApiVersion version() {
    return version;
  }

  byte[] body() {
    return body;
  }

  String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  /** The {@code {id}} segment of the matched route, if it has one. */
  String pathId() {
    return pathId;
  }

  void pathId(String id) {
    this.pathId = id;
  }

  /** v1 parameters: the form body of a POST, else the query string. */
  Params params() {
    if (params == null) {
      String text = method.equals("POST") ? new String(body, StandardCharsets.UTF_8) : exchange.getRequestURI().getRawQuery();
      params = new Params(FormCodec.decode(text));
    }
    return params;
  }

  /**
   * The v2 JSON body as an object ({@code {}} when empty).
   *
   * @throws ApiError if the body is not a JSON object
   */
  JsonNode json() {
    if (json == null) {
      if (body.length == 0) {
        json = HttpIo.JSON.createObjectNode();
        return json;
      }
      try {
        JsonNode node = HttpIo.JSON.readTree(body);
        if (node == null || !node.isObject()) {
          throw ApiError.invalid(null, "Invalid request body: expected a JSON object", null);
        }
        json = node;
      } catch (JsonProcessingException e) {
        throw ApiError.invalid(null, "Invalid request body: malformed JSON (" + e.getOriginalMessage() + ")", null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return json;
  }
}
