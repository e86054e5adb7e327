package dev.leakproof.cli.testutils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A minimal Chrome DevTools Protocol client over one WebSocket (one target).
 *
 * <p>Commands are sent with {@link #send} and block until the matching response arrives. Events go to the
 * listeners added with {@link #onEvent}; they run on the WebSocket's thread, so a listener must never call
 * {@link #send} itself (it would wait for a response that thread has to deliver) — complete a future instead.
 */
public final class CdpConnection implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<BiConsumer<String, JsonNode>> listeners = new CopyOnWriteArrayList<>();
  private final WebSocket socket;
  private volatile Throwable closedBecause;

  private CdpConnection(HttpClient http, URI webSocketUrl) {
    this.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
        .buildAsync(webSocketUrl, new Listener()).join();
  }

  /** Connects to a target's {@code webSocketDebuggerUrl}; only loopback URLs are accepted. */
  public static CdpConnection connect(HttpClient http, URI webSocketUrl) {
    if (!"127.0.0.1".equals(webSocketUrl.getHost())) {
      throw new IllegalArgumentException("refusing a non-loopback DevTools URL: " + webSocketUrl);
    }
    return new CdpConnection(http, webSocketUrl);
  }

  /** Adds a listener called with (method, params) for every event. */
  public void onEvent(BiConsumer<String, JsonNode> listener) {
    listeners.add(listener);
  }

  /** Sends a command and waits up to 60 s for its result; a CDP error becomes an IllegalStateException. */
  public JsonNode send(String method, ObjectNode params) {
    return send(method, params, TIMEOUT);
  }

  /** As {@link #send(String, ObjectNode)} with an explicit timeout. */
  public JsonNode send(String method, ObjectNode params, Duration timeout) {
    long id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params == null ? JSON.createObjectNode() : params);
    CompletableFuture<JsonNode> response = new CompletableFuture<>();
    pending.put(id, response);
    try {
      if (closedBecause != null) {
        throw new IllegalStateException("DevTools connection is closed: " + closedBecause.getMessage());
      }
      synchronized (socket) { // WebSocket allows one outstanding send at a time
        socket.sendText(JSON.writeValueAsString(message), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      return unwrap(method, response.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      throw new IllegalStateException(method + " got no answer within " + timeout.toSeconds() + " s", e);
    } catch (ExecutionException | IOException e) {
      throw new IllegalStateException(method + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " interrupted", e);
    } finally {
      pending.remove(id);
    }
  }

  private static JsonNode unwrap(String method, JsonNode response) {
    JsonNode error = response.get("error");
    if (error != null) {
      throw new IllegalStateException(method + " failed: " + error.path("message").asText()
          + (error.has("data") ? " (" + error.get("data").asText() + ")" : ""));
    }
    return response.path("result");
  }

  private void dispatch(String text) {
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (IOException e) {
      return; // not JSON: nothing a caller could act on
    }
    if (message.has("id")) {
      CompletableFuture<JsonNode> response = pending.get(message.get("id").asLong());
      if (response != null) {
        response.complete(message);
      }
    } else if (message.has("method")) {
      for (BiConsumer<String, JsonNode> listener : listeners) {
        try {
          listener.accept(message.get("method").asText(), message.path("params"));
        } catch (RuntimeException e) {
          System.err.println("CDP event listener failed on " + message.get("method") + ": " + e);
        }
      }
    }
  }

  private void closed(Throwable why) {
    closedBecause = why;
    pending.values().forEach(response -> response.completeExceptionally(why));
  }

  @Override
  public void close() {
    if (closedBecause == null) {
      closed(new IllegalStateException("closed by the caller"));
    }
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        dispatch(text);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed(new IllegalStateException("DevTools closed the connection (" + statusCode + " " + reason + ")"));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed(error);
    }
  }
}
