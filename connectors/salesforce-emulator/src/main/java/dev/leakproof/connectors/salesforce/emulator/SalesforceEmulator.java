package dev.leakproof.connectors.salesforce.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Salesforce org on 127.0.0.1 that keeps to the documented REST and Bulk API 2.0 protocol and
 * limits: OAuth 2.0 client credentials and JWT bearer tokens, Bulk 2.0 ingest jobs with row-level
 * validation, describe, a SOQL subset, {@code Sforce-Limit-Info} and the daily request budget, plus
 * injectable {@link Faults}, a read-only HTML page at {@code /} and control endpoints under
 * {@code /__emulator/}. Start one per test class with {@link #start}; close it when done.
 */
public final class SalesforceEmulator implements AutoCloseable {

  static {
    // The JDK server writes a response's headers and body separately; without TCP_NODELAY each
    // response then waits for the client's delayed ACK (~40 ms). Read once, when the JDK's server
    // configuration first loads, so an explicit setting by the application wins.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final String ORG_ID = SalesforceIds.to18("00DLp0000000001");
  private static final String USER_ID = SalesforceIds.to18("005Lp0000000001");

  private final EmulatorConfig config;
  private final Faults faults = new Faults();
  private final ApiUsage usage;
  private final TokenStore tokens;
  private final RecordStore store;
  private final JobRegistry jobs;
  private final JobProcessor processor;
  private final HttpServer server;
  private final ThreadPoolExecutor httpPool;

  private SalesforceEmulator(EmulatorConfig config) throws IOException {
    this.config = config;
    Clock clock = Clock.systemUTC();
    SalesforceIds ids = new SalesforceIds();
    this.usage = new ApiUsage(config.dailyApiBudget());
    this.tokens = new TokenStore(config.tokenLifetime(), clock, ORG_ID);
    this.store = new RecordStore(config.schema(), ids, clock);
    this.jobs = new JobRegistry(ids);
    this.processor = new JobProcessor(store, config.schema(), faults, config.rowsPerSecond());
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 128);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    JwtVerifier jwt = new JwtVerifier(config.jwtPublicKey(), config.clientId(), config.jwtUsername(),
        Set.of(JwtVerifier.trim(config.jwtAudience()), base), clock);
    BulkIngestApi bulk = new BulkIngestApi(config.schema(), jobs, processor, faults, config.maxUploadBytes(), USER_ID, clock);
    DataApi data = new DataApi(tokens, usage, bulk, new DescribeApi(config.schema()), new QueryApi(config.schema(), store));
    Router router = new Router(faults, usage, new OAuthEndpoint(config, tokens, jwt, clock, ORG_ID, USER_ID, base), data,
        new ControlApi(this), new HtmlPage(config.schema(), store, jobs));
    AtomicInteger n = new AtomicInteger();
    this.httpPool = new ThreadPoolExecutor(16, 16, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024), r -> {
      Thread t = new Thread(r, "sf-emulator-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.CallerRunsPolicy());
    server.createContext("/", router);
    server.setExecutor(httpPool);
  }

  /**
   * Binds the configured port on the loopback interface, loads the seed data and starts serving.
   *
   * @throws UncheckedIOException if the port cannot be bound
   * @throws IllegalArgumentException if a seed record is invalid
   */
  public static SalesforceEmulator start(EmulatorConfig config) {
    SalesforceEmulator emulator;
    try {
      emulator = new SalesforceEmulator(config);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Salesforce emulator on 127.0.0.1:" + config.port(), e);
    }
    try {
      emulator.seed();
    } catch (RuntimeException e) {
      emulator.close();
      throw e;
    }
    emulator.server.start();
    return emulator;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>}: the login URL and the {@code instance_url} of issued tokens. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** {@code <baseUri>/services/oauth2/token}. */
  public URI tokenUri() {
    return baseUri().resolve(OAuthEndpoint.PATH);
  }

  public EmulatorConfig config() {
    return config;
  }

  /** The fault injection switches; faults also arrive through {@code POST /__emulator/faults}. */
  public Faults faults() {
    return faults;
  }

  /**
   * Copies of the object's records in creation order, each with every field (unset ones null).
   *
   * @throws IllegalArgumentException if the object is not in the schema
   */
  public List<Map<String, Object>> records(String object) {
    return store.all(type(object));
  }

  /** API requests counted today (what {@code Sforce-Limit-Info} reports before the slash). */
  public long apiUsage() {
    return usage.used();
  }

  /** Every retained ingest job, oldest first, as a client would see it now. */
  public List<JobSnapshot> jobs() {
    List<JobSnapshot> out = new ArrayList<>();
    jobs.all().forEach(j -> out.add(j.snapshot()));
    return out;
  }

  /** A valid access token without the OAuth round trip, for tests that are not about authentication. */
  public String issueAccessToken() {
    return tokens.issue();
  }

  /** Expires every issued token: the next API call with one gets 401 INVALID_SESSION_ID. */
  public void expireTokens() {
    tokens.expireAll();
  }

  /**
   * Inserts one record as an insert job row would (same validation), bypassing HTTP and the API budget.
   *
   * @return the new record's 18-character id
   * @throws IllegalArgumentException if the record fails validation (message carries the Salesforce error)
   */
  public String insert(String object, Map<String, ?> fields) {
    SObjectType type = type(object);
    List<String> header = new ArrayList<>(fields.keySet());
    List<String> row = new ArrayList<>();
    fields.values().forEach(v -> row.add(v == null ? "" : v instanceof BigDecimal b ? b.toPlainString() : v.toString()));
    try {
      ColumnPlan plan = ColumnPlan.resolve(config.schema(), type, BulkOperation.INSERT, null, header);
      return new RowApplier(store, config.schema(), type, BulkOperation.INSERT, null, plan, Set.of()).apply(row).id();
    } catch (ColumnPlan.InvalidHeader e) {
      throw new IllegalArgumentException("Cannot insert " + type.name() + ": " + e.getMessage(), e);
    } catch (RowError.Rejected e) {
      throw new IllegalArgumentException("Cannot insert " + type.name() + " " + fields + ": " + e.error().render(), e);
    }
  }

  /** Back to the start: seed records only, no jobs, no API usage, no faults. Issued tokens stay valid. */
  public void reset() {
    jobs.clear();
    faults.clear();
    store.clear();
    usage.reset();
    seed();
  }

  /** Stops serving and processing; in-flight requests are cut off. */
  @Override
  public void close() {
    server.stop(0);
    httpPool.shutdownNow();
    processor.close();
  }

  private void seed() {
    config.seed().forEach((object, rows) -> rows.forEach(r -> insert(object, r)));
  }

  private SObjectType type(String object) {
    return config.schema().object(object)
        .orElseThrow(() -> new IllegalArgumentException("Invalid object: " + object + " (not in the emulator's schema)"));
  }
}
