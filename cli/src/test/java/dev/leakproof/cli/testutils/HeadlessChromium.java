package dev.leakproof.cli.testutils;

import static dev.leakproof.cli.testutils.CdpConnection.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real headless Chromium (Debian's {@code /usr/bin/chromium}) driven over the DevTools Protocol, for browser
 * tests of self-contained HTML pages opened from disk.
 *
 * <p>What a caller must know: {@link #launch} installs Chromium with apt-get on first use (see
 * {@link #ensureInstalled}); all traffic is to 127.0.0.1 only; one instance drives one page tab and is not meant
 * for concurrent use; {@link #consoleErrors()} accumulates console errors, uncaught exceptions and failed loads
 * over every page opened so far; always close it (try-with-resources) so no browser process outlives the test.
 */
public final class HeadlessChromium implements AutoCloseable {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://127\\.0\\.0\\.1:(\\d+)/\\S+)");
  private static final String PAINTED = "new Promise(done => { const paint = () => requestAnimationFrame("
      + "() => requestAnimationFrame(() => done(document.readyState))); if (document.readyState === 'complete') "
      + "paint(); else addEventListener('load', paint, {once: true}); })";

  private final Process process;
  private final CdpConnection cdp;
  private final Thread shutdownHook;
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
  private final List<String> messages = Collections.synchronizedList(new ArrayList<>());
  private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

  private HeadlessChromium(Process process, CdpConnection cdp) {
    this.process = process;
    this.cdp = cdp;
    this.shutdownHook = new Thread(() -> kill(process, 0), "kill-headless-chromium");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    cdp.onEvent(this::onEvent);
    for (String domain : List.of("Runtime", "Log", "Page")) {
      cdp.send(domain + ".enable", null);
    }
  }

  /** Returns {@code /usr/bin/chromium}, installing Debian's package with apt-get first if it is missing. */
  public static synchronized Path ensureInstalled() {
    if (Files.isExecutable(CHROMIUM)) {
      return CHROMIUM;
    }
    if (run("apt-get", "install", "-y", "--no-install-recommends", "chromium") != 0) {
      run("apt-get", "update");
      run("apt-get", "install", "-y", "--no-install-recommends", "chromium");
    }
    if (!Files.isExecutable(CHROMIUM)) {
      throw new IllegalStateException(CHROMIUM + " is missing and `apt-get install chromium` did not provide it");
    }
    return CHROMIUM;
  }

  /** Runs an apt-get command (with {@code sudo -n} unless root), streaming its output to the test log. */
  private static int run(String... aptGet) {
    List<String> command = new ArrayList<>(List.of(aptGet));
    if (!isRoot()) {
      command.addAll(0, List.of("sudo", "-n"));
    }
    System.out.println("[headless-chromium] $ " + String.join(" ", command));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
    try {
      Process apt = builder.start();
      apt.getInputStream().transferTo(System.out); // System.out, not inheritIO: the forked test JVM owns fd 1
      return apt.waitFor();
    } catch (IOException e) {
      System.out.println("[headless-chromium] could not run " + command.get(0) + ": " + e.getMessage());
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The same as {@code id -u}: the owner of /proc/self is this process's user. */
  private static boolean isRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** Starts a headless Chromium with the given profile directory and connects to its page tab. */
  public static HeadlessChromium launch(Path userDataDir) {
    List<String> command = List.of(ensureInstalled().toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
        "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + userDataDir,
        "--window-size=1400,1000", "about:blank");
    Process process;
    try {
      process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command.get(0), e);
    }
    try {
      Matcher listening = awaitListening(process);
      HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(10)).build();
      return new HeadlessChromium(process, CdpConnection.connect(http, pageTarget(http, listening.group(2))));
    } catch (RuntimeException | Error e) {
      kill(process, 0);
      throw e;
    }
  }

  /** Reads stderr up to the DevTools line, then keeps draining it in a daemon thread. */
  private static Matcher awaitListening(Process process) {
    CompletableFuture<Matcher> found = new CompletableFuture<>();
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    Thread drain = new Thread(() -> {
      try (BufferedReader err = process.errorReader(StandardCharsets.UTF_8)) {
        for (String line; (line = err.readLine()) != null; ) {
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            found.complete(m);
          } else if (!found.isDone() && seen.size() < 200) {
            seen.add(line);
          }
        }
      } catch (IOException ignored) {
        // the browser went away; nothing left to drain
      }
      found.completeExceptionally(new IllegalStateException("chromium exited before DevTools listened: " + seen));
    }, "chromium-stderr");
    drain.setDaemon(true);
    drain.start();
    try {
      return found.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("chromium did not open DevTools within 30 s: " + cause.getMessage(), e);
    }
  }

  /** Finds the page tab's WebSocket URL via /json/list, retrying briefly while the tab is being created. */
  private static URI pageTarget(HttpClient http, String port) {
    HttpRequest list = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
        .timeout(Duration.ofSeconds(10)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    try {
      while (true) {
        for (JsonNode target : JSON.readTree(http.send(list, HttpResponse.BodyHandlers.ofString()).body())) {
          if ("page".equals(target.path("type").asText()) && target.has("webSocketDebuggerUrl")) {
            return URI.create(target.get("webSocketDebuggerUrl").asText());
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("chromium lists no page target on port " + port);
        }
        Thread.sleep(100);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list chromium's targets on port " + port, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing chromium's targets", e);
    }
  }

  private void onEvent(String method, JsonNode params) {
    switch (method) {
      case "Page.loadEventFired" -> loaded.complete(null);
      case "Runtime.consoleAPICalled" -> {
        String type = params.path("type").asText();
        List<String> args = new ArrayList<>();
        params.path("args").forEach(arg -> args.add(describe(arg)));
        String text = String.join(" ", args);
        messages.add(type + ": " + text);
        if (type.equals("error") || type.equals("assert")) {
          errors.add("console." + type + ": " + text);
        }
      }
      case "Runtime.exceptionThrown" -> errors.add("exception: " + exceptionText(params.path("exceptionDetails")));
      case "Log.entryAdded" -> {
        JsonNode entry = params.path("entry");
        if ("error".equals(entry.path("level").asText())) {
          errors.add("log." + entry.path("source").asText() + ": " + entry.path("text").asText()
              + (entry.hasNonNull("url") ? " (" + entry.get("url").asText() + ")" : ""));
        }
      }
      default -> { }
    }
  }

  private static String describe(JsonNode remoteObject) {
    for (String field : List.of("value", "unserializableValue", "description")) {
      if (remoteObject.has(field)) {
        return remoteObject.get(field).asText(remoteObject.get(field).toString());
      }
    }
    return remoteObject.path("type").asText();
  }

  private static String exceptionText(JsonNode details) {
    String text = details.path("exception").path("description").asText(details.path("text").asText());
    return details.hasNonNull("url")
        ? text + " (" + details.get("url").asText() + ":" + (details.path("lineNumber").asInt() + 1) + ")" : text;
  }

  /** Console errors/asserts, uncaught exceptions and error log entries (e.g. failed loads) seen so far. */
  public List<String> consoleErrors() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

  /** Every console message seen so far, as "type: text". */
  public List<String> consoleMessages() {
    synchronized (messages) {
      return List.copyOf(messages);
    }
  }

  /** Opens a file, waits for its load event and two animation frames (so on-load drawing is painted). */
  public void open(Path htmlFile) {
    open(htmlFile.toAbsolutePath().toUri());
  }

  /** As {@link #open(Path)}; a URI differing from the current page only by its #fragment is reloaded. */
  public void open(URI uri) {
    if (!uri.toString().equals("about:blank")) {
      // a fresh document every time: a navigation that only changes the fragment loads nothing
      open(URI.create("about:blank"));
    }
    loaded = new CompletableFuture<>();
    JsonNode navigated = cdp.send("Page.navigate", params().put("url", uri.toString()));
    if (navigated.hasNonNull("errorText")) {
      throw new IllegalStateException("could not open " + uri + ": " + navigated.get("errorText").asText());
    }
    if (!navigated.has("loaderId")) { // same-document (fragment) navigation: no load event without a reload
      cdp.send("Page.reload", params());
    }
    try {
      loaded.get(CdpConnection.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(uri + " did not fire its load event: " + e, e);
    }
    evaluate(PAINTED);
  }

  /** Evaluates an expression in the page (promises awaited) and returns its JSON value, missing if undefined. */
  public JsonNode evaluate(String expression) {
    JsonNode result = cdp.send("Runtime.evaluate", params().put("expression", expression)
        .put("returnByValue", true).put("awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("page threw: " + exceptionText(result.get("exceptionDetails"))
          + " evaluating: " + expression);
    }
    return result.path("result").path("value");
  }

  public String evaluateString(String expression) {
    return expect(expression, evaluate(expression), JsonNode::isTextual).asText();
  }

  public long evaluateLong(String expression) {
    return expect(expression, evaluate(expression), JsonNode::isIntegralNumber).asLong();
  }

  public boolean evaluateBoolean(String expression) {
    return expect(expression, evaluate(expression), JsonNode::isBoolean).asBoolean();
  }

  private static JsonNode expect(String expression, JsonNode value, java.util.function.Predicate<JsonNode> ok) {
    if (!ok.test(value)) {
      throw new IllegalStateException("unexpected value " + value + " of: " + expression);
    }
    return value;
  }

  /** Clicks the first element matching a CSS selector; fails if none does. */
  public void click(String cssSelector) {
    evaluate("(() => { const el = document.querySelector(" + js(cssSelector) + "); if (!el) throw new Error("
        + js("no element matches " + cssSelector) + "); el.click(); })()");
  }

  /** Sets an input's or select's value and dispatches bubbling 'input' and 'change' events. */
  public void setValue(String cssSelector, String value) {
    evaluate("(() => { const el = document.querySelector(" + js(cssSelector) + "); if (!el) throw new Error("
        + js("no element matches " + cssSelector) + "); el.value = " + js(value) + "; "
        + "for (const type of ['input', 'change']) el.dispatchEvent(new Event(type, {bubbles: true})); })()");
  }

  /** Writes a full-page PNG screenshot (parent directories created) and returns its path. */
  public Path screenshot(Path png) {
    JsonNode metrics = cdp.send("Page.getLayoutMetrics", params());
    JsonNode size = metrics.has("cssContentSize") ? metrics.get("cssContentSize") : metrics.path("contentSize");
    ObjectNode clip = JSON.createObjectNode().put("x", 0).put("y", 0).put("scale", 1)
        .put("width", Math.ceil(size.path("width").asDouble())).put("height", Math.ceil(size.path("height").asDouble()));
    ObjectNode params = params().put("format", "png").put("captureBeyondViewport", true);
    params.set("clip", clip);
    byte[] bytes = Base64.getDecoder().decode(cdp.send("Page.captureScreenshot", params).path("data").asText());
    try {
      Path parent = png.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      return Files.write(png, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + png, e);
    }
  }

  private static ObjectNode params() {
    return JSON.createObjectNode();
  }

  private static String js(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Asks the browser to close, then kills it and every process it started. */
  @Override
  public void close() {
    try {
      cdp.send("Browser.close", params(), Duration.ofSeconds(5));
    } catch (RuntimeException ignored) {
      // best effort: the browser may drop the connection before it answers
    }
    cdp.close();
    kill(process, 5);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException ignored) {
      // already shutting down
    }
  }

  /** Waits up to graceSeconds for the browser to exit, then kills it and every descendant still alive. */
  private static void kill(Process process, int graceSeconds) {
    List<ProcessHandle> family = new ArrayList<>(process.descendants().toList()); // before orphans get reparented
    try {
      if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    family.addAll(process.descendants().toList());
    family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}
