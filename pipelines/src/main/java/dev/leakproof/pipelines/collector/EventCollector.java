package dev.leakproof.pipelines.collector;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.leakproof.pipelines.kafka.KafkaSettings;
import dev.leakproof.schemas.events.ReferenceFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP event collector: {@code POST /v1/events} (see {@link EventsEndpoint}), {@code GET
 * /healthz} (200 while the sink can write, else 503) and {@code GET /metrics} (counters as JSON),
 * on the JDK's HTTP server with {@code collector.threads} workers. The collector owns its sink:
 * {@link #close()} stops taking requests, lets those in flight finish, then closes the sink.
 * Event bodies and API keys are never logged.
 */
public final class EventCollector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventCollector.class);

  private final CollectorConfig config;
  private final ApiKeys keys;
  private final EventSink sink;
  private final CollectorMetrics metrics = new CollectorMetrics();
  private final EventsEndpoint events;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean closing;
  private HttpServer server;
  private ExecutorService workers;

  /**
   * A collector writing to {@code sink}; call {@link #start()}.
   *
   * @throws IllegalArgumentException when there are no API keys
   * @throws IllegalStateException when the reference data can't be read
   */
  public EventCollector(CollectorConfig config, ApiKeys keys, ReferenceFiles reference, EventSink sink) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("Cannot start the collector: no API keys (set " + ApiKeys.ENV
          + " or give a keys file)");
    }
    reference.current();
    this.config = config;
    this.keys = keys;
    this.sink = sink;
    this.events = new EventsEndpoint(config, keys, new EventJudge(reference, config.maxEventBytes(),
        Clock.systemUTC()), sink, metrics);
  }

  /** A collector writing to the event topics of {@code kafka} through a {@link KafkaEventWriter}. */
  public static EventCollector toKafka(CollectorConfig config, ApiKeys keys, ReferenceFiles reference,
      KafkaSettings kafka) {
    KafkaEventWriter writer = KafkaEventWriter.open(kafka, config);
    try {
      return new EventCollector(config, keys, reference, writer);
    } catch (RuntimeException e) {
      writer.close();
      throw e;
    }
  }

  /**
   * The collector's figures so far, for a status line.
   *
   * @param accepted events answered accepted
   * @param rejected events answered rejected (those with a spec reason are still written)
   * @param written events committed to Kafka
   * @param eventsPerSecond events answered per second over the last ten seconds
   */
  public record Summary(long accepted, long rejected, long written, double eventsPerSecond, boolean kafkaReachable) {}

  public Summary summary() {
    EventSink.Stats s = sink.stats();
    return new Summary(metrics.accepted(), metrics.rejected(), s.committedEvents(), metrics.eventsPerSecond(),
        sink.available());
  }

  /** Starts listening on {@code collector.host}:{@code collector.port}. */
  public synchronized EventCollector start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("Cannot start the collector: it is already started");
    }
    server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 128);
    AtomicInteger n = new AtomicInteger();
    workers = Executors.newFixedThreadPool(config.threads(), r -> {
      Thread t = new Thread(r, "collector-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(workers);
    server.createContext("/", this::handle);
    server.start();
    LOG.info("Collector listening on http://{}:{}{} for sources {}", config.host(), port(), EventsEndpoint.PATH,
        keys.sources());
    return this;
  }

  /** The port listened on (the one picked when {@code collector.port} is 0). */
  public int port() {
    if (server == null) {
      throw new IllegalStateException("Cannot tell the collector's port: it is not started");
    }
    return server.getAddress().getPort();
  }

  /** The events URL, {@code http://host:port/v1/events}. */
  public String eventsUrl() {
    return "http://" + config.host() + ":" + port() + EventsEndpoint.PATH;
  }

  private void handle(HttpExchange ex) {
    String requestId = UUID.randomUUID().toString();
    inFlight.incrementAndGet();
    try (ex) {
      Reply reply;
      try {
        reply = route(ex, requestId);
      } catch (RuntimeException e) {
        LOG.error("Request {} failed", requestId, e);
        reply = Reply.error(500, "Internal error; see the collector's log for request " + requestId, requestId,
            Map.of());
      }
      if (ex.getRequestURI().getPath().equals(EventsEndpoint.PATH)) {
        metrics.request(reply.status());
      }
      send(ex, reply, requestId);
      if (reply.status() == 413) {
        events.linger(ex);
      }
      LOG.debug("{} {} {} -> {}", requestId, ex.getRequestMethod(), ex.getRequestURI().getPath(), reply.status());
    } catch (IOException e) {
      LOG.debug("Request {}: the connection failed: {}", requestId, e.toString());
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private Reply route(HttpExchange ex, String requestId) throws IOException {
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    if (closing) {
      return Reply.error(503, "The collector is shutting down", requestId,
          Map.of("Retry-After", String.valueOf(config.retryAfter().toSeconds())));
    }
    if (path.equals(EventsEndpoint.PATH)) {
      return events.handle(ex, requestId);
    }
    if (path.equals("/healthz") || path.equals("/metrics")) {
      if (!method.equals("GET") && !method.equals("HEAD")) {
        return Reply.error(405, "Method " + method + " is not allowed on " + path + " (use GET)", requestId,
            Map.of("Allow", "GET, HEAD"));
      }
      boolean up = sink.available();
      if (path.equals("/metrics")) {
        return new Reply(200, Map.of(), metrics.json(sink.stats(), up));
      }
      return Reply.health(up, config.retryAfter().toSeconds());
    }
    return Reply.error(404, "No such path: " + EventFields.clip(path) + " (POST " + EventsEndpoint.PATH
        + ", GET /healthz, GET /metrics)", requestId, Map.of());
  }

  private static void send(HttpExchange ex, Reply reply, String requestId) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.getResponseHeaders().set("X-Request-Id", requestId);
    reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(reply.status(), head ? -1 : reply.body().length);
    if (!head) {
      OutputStream out = ex.getResponseBody();
      out.write(reply.body());
      out.flush();
    }
  }

  /**
   * Stops: new requests are answered 503, those in flight finish (at most three broker timeouts),
   * the server stops and the sink commits what it holds and closes.
   */
  @Override
  public synchronized void close() {
    if (closing) {
      return;
    }
    closing = true;
    long deadline = System.nanoTime() + config.brokerTimeout().multipliedBy(3).plusSeconds(2).toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (server != null) {
      server.stop(0);
      workers.shutdown();
      try {
        workers.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    sink.close();
    LOG.info("Collector stopped");
  }
}
