package dev.leakproof.connectors.stripe.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Stripe account on 127.0.0.1 that keeps to the documented API protocol for usage billing:
 * customers, billing meters, v1 meter events and adjustments, event summaries, invoice items, v2 meter
 * event sessions, the v2 meter event stream, v2 meter events and adjustments; with Stripe's idempotency
 * keys, rate limits, error objects and time rules, injectable {@link Faults}, a read-only HTML page at
 * {@code /} and control endpoints under {@code /__emulator/}. One server is both the API base and the
 * meter-events base. Start one per test class with {@link #start}; close it when done. Thread-safe.
 */
public final class StripeEmulator implements AutoCloseable {

  static {
    // The JDK server writes a response's headers and body separately; without TCP_NODELAY each
    // response then waits for the client's delayed ACK (~40 ms). Read once, when the JDK's server
    // configuration first loads, so an explicit setting by the application wins.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final EmulatorConfig config;
  private final EmulatorClock clock;
  private final Faults faults = new Faults();
  private final State state;
  private final CustomersApi customersApi;
  private final MetersApi metersApi;
  private final StreamApi stream;
  private final RateLimiter limiter;
  private final IdempotencyStore idempotency;
  private final RequestCounter counter = new RequestCounter();
  private final HttpServer server;
  private final ThreadPoolExecutor httpPool;

  private StripeEmulator(EmulatorConfig config) throws IOException {
    this.config = config;
    this.clock = new EmulatorClock(config.clock());
    this.state = new State(clock, config.livemode(), config.summaryDelay());
    this.customersApi = new CustomersApi(state);
    this.metersApi = new MetersApi(state);
    this.stream = new StreamApi(state);
    this.limiter = new RateLimiter(config);
    this.idempotency = new IdempotencyStore(clock);
    List<Route> routes = new ArrayList<>(customersApi.routes());
    routes.addAll(metersApi.routes());
    routes.addAll(new SummariesApi(state).routes());
    routes.addAll(new MeterEventsApi(state).routes());
    routes.addAll(new InvoiceItemsApi(state).routes());
    routes.addAll(new V2BillingApi(state).routes());
    routes.addAll(stream.routes());
    Router router = new Router(List.copyOf(routes), new Authenticator(config.secretKey(), state.sessions), limiter, faults, idempotency,
        counter, new ControlApi(this), new HtmlPage(this, state));
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 128);
    AtomicInteger n = new AtomicInteger();
    this.httpPool = new ThreadPoolExecutor(16, 16, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024), r -> {
      Thread t = new Thread(r, "stripe-emulator-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.CallerRunsPolicy());
    server.createContext("/", router);
    server.setExecutor(httpPool);
  }

  /**
   * Binds the configured port on the loopback interface and starts serving.
   *
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static StripeEmulator start(EmulatorConfig config) {
    StripeEmulator emulator;
    try {
      emulator = new StripeEmulator(config);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Stripe emulator on 127.0.0.1:" + config.port(), e);
    }
    emulator.server.start();
    return emulator;
  }

  /** The bound loopback port (the configured one, or the free one picked for port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>}: pass it to the Stripe SDK as both {@code apiBase} and {@code meterEventsBase}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** The secret key API requests must present. */
  public String secretKey() {
    return config.secretKey();
  }

  /** The configuration it was started with. */
  public EmulatorConfig config() {
    return config;
  }

  /** The fault injection switches; faults also arrive through {@code POST /__emulator/faults}. */
  public Faults faults() {
    return faults;
  }

  /**
   * Moves the emulator clock forward (sessions expire, the 24-hour windows close, events age).
   *
   * @throws IllegalArgumentException if {@code by} is negative
   */
  public void advanceClock(Duration by) {
    clock.advance(by);
  }

  /** The emulator's current time: the configured clock plus every advance. */
  public Instant now() {
    return clock.now();
  }

  /** Creates a customer as {@code POST /v1/customers} would (no HTTP, no rate limit); returns its {@code cus_} id. */
  public String createCustomer(String name, Map<String, String> metadata) {
    return customersApi.add(name, null, null, null, Collections.unmodifiableMap(new LinkedHashMap<>(metadata))).id();
  }

  /** Creates a sum meter with the default payload keys ({@code stripe_customer_id}, {@code value}); returns its id. */
  public String createMeter(String eventName, String displayName) {
    return createMeter(eventName, displayName, Aggregation.SUM);
  }

  /**
   * Creates a meter with the default payload keys; returns its id.
   *
   * @throws IllegalArgumentException if an active meter already has this event name
   */
  public String createMeter(String eventName, String displayName, Aggregation aggregation) {
    try {
      return metersApi.add(eventName, displayName, aggregation, "stripe_customer_id", "value", null).id();
    } catch (ApiError e) {
      throw new IllegalArgumentException("Cannot create meter: " + e.getMessage(), e);
    }
  }

  /** Every customer, oldest first. */
  public List<CustomerSnapshot> customers() {
    return state.customers.all();
  }

  /** Every meter, oldest first. */
  public List<MeterSnapshot> meters() {
    return state.meters.all();
  }

  /** Every stored meter event (v1, v2, stream) in arrival order, cancelled ones included. */
  public List<MeterEventSnapshot> meterEvents() {
    return state.events.snapshots();
  }

  /** The number of stored meter events, without copying them. */
  public long meterEventCount() {
    return state.events.size();
  }

  /** Every cancellation in arrival order, with its status now. */
  public List<MeterEventAdjustmentSnapshot> meterEventAdjustments() {
    List<MeterEventAdjustmentSnapshot> out = new ArrayList<>();
    for (EventStore.Adjustment a : state.events.adjustments()) {
      out.add(new MeterEventAdjustmentSnapshot(a.id(), a.eventName(), a.identifier(), Instant.ofEpochMilli(a.createdMillis()),
          state.reflected(a.createdNanos()) ? "complete" : "pending", a.source()));
    }
    return out;
  }

  /** Stream events dropped as invalid, oldest first (the latest {@value EventStore#MAX_ERRORS} are kept). */
  public List<MeterEventError> meterEventErrors() {
    return state.events.errors();
  }

  /**
   * The sum of the values of a customer's non-cancelled events for the meters with this event name
   * whose timestamp falls on {@code day} (UTC), ignoring the summary delay.
   */
  public long summedUsage(String customerId, String eventName, LocalDate day) {
    long from = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    long to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    long sum = 0;
    for (MeterSnapshot meter : state.meters.all()) {
      if (meter.eventName().equals(eventName)) {
        for (StoredEvent e : state.events.series(meter.id(), customerId, from, to)) {
          sum += e.cancelled ? 0 : e.value;
        }
      }
    }
    return sum;
  }

  /** Every invoice item not deleted, oldest first. */
  public List<InvoiceItemSnapshot> invoiceItems() {
    return state.invoiceItems.all();
  }

  /** What the v2 stream has accepted since start or the last reset. */
  public StreamStats acceptedStreamEvents() {
    return stream.stats();
  }

  /** API requests received whose path starts with {@code pathPrefix} ({@code /} for all), whatever their outcome. */
  public long requestCount(String pathPrefix) {
    return counter.count(pathPrefix);
  }

  /** Back to an empty account: no objects, events, sessions, idempotency keys, faults or counters; clock offset zero; full rate buckets. */
  public void reset() {
    faults.clear();
    state.clear();
    idempotency.clear();
    counter.clear();
    stream.reset();
    limiter.reset();
    clock.reset();
  }

  /** Stops serving; in-flight requests (including withheld responses) are cut off. */
  @Override
  public void close() {
    server.stop(0);
    httpPool.shutdownNow();
  }
}
