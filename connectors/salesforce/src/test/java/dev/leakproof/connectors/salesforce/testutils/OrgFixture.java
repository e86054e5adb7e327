package dev.leakproof.connectors.salesforce.testutils;

import dev.leakproof.connectors.api.RetryPolicy;
import dev.leakproof.connectors.salesforce.BulkApiClient;
import dev.leakproof.connectors.salesforce.SalesforceConfig;
import dev.leakproof.connectors.salesforce.SalesforceDestination;
import dev.leakproof.connectors.salesforce.emulator.EmulatorConfig;
import dev.leakproof.connectors.salesforce.emulator.SalesforceEmulator;
import dev.leakproof.connectors.sync.Guardrails;
import dev.leakproof.connectors.sync.RunRecord;
import dev.leakproof.connectors.sync.SyncListener;
import dev.leakproof.connectors.sync.SyncMode;
import dev.leakproof.connectors.sync.SyncRunner;
import dev.leakproof.connectors.sync.SyncSpec;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An emulated org, a DuckDB warehouse with an accounts model, and the sync engine between them:
 * what the Salesforce tests run real syncs on. Waits are short so faults cost milliseconds.
 */
public final class OrgFixture implements AutoCloseable {

  public final SalesforceEmulator org;
  public final Connection db;
  public final List<Duration> waits = new ArrayList<>();
  public final List<String> events = new ArrayList<>();
  private final Map<String, String> settings = new HashMap<>();
  /** Environment variables the destination's configuration sees (credentials). */
  public final Map<String, String> env = new HashMap<>();

  private final boolean ownsOrg;

  public OrgFixture(EmulatorConfig config, String jdbcUrl) throws SQLException {
    this(SalesforceEmulator.start(config), jdbcUrl, true);
  }

  /** A fixture on an org another fixture started (and closes). */
  public OrgFixture(SalesforceEmulator org, String jdbcUrl) throws SQLException {
    this(org, jdbcUrl, false);
  }

  private OrgFixture(SalesforceEmulator org, String jdbcUrl, boolean ownsOrg) throws SQLException {
    this.org = org;
    this.ownsOrg = ownsOrg;
    this.db = DriverManager.getConnection(jdbcUrl);
    settings.put("login-url", org.baseUri().toString());
    settings.put("bulk.poll-initial", "PT0.02S");
    settings.put("bulk.poll-max", "PT0.2S");
    settings.put("bulk.job-timeout", "PT20S");
    settings.put("http.timeout", "PT5S");
    sql("CREATE TABLE IF NOT EXISTS accounts_model (account_id VARCHAR, account_name VARCHAR, seats_active INTEGER, "
        + "renewal_date DATE, renewal_risk VARCHAR, usage_trend DECIMAL(12,2), as_of TIMESTAMP)");
  }

  public static OrgFixture start() throws SQLException {
    return new OrgFixture(EmulatorConfig.defaults(), "jdbc:duckdb:");
  }

  /** A setting of the destination (file key under salesforce:). */
  public OrgFixture set(String key, String value) {
    settings.put(key, value);
    return this;
  }

  public SalesforceConfig config() {
    Map<String, String> all = new HashMap<>();
    all.put("SALESFORCE_AUTH_CLIENT_ID", org.config().clientId());
    if (!settings.containsKey("auth.flow")) {
      all.put("SALESFORCE_AUTH_CLIENT_SECRET", org.config().clientSecret());
    }
    all.putAll(env);
    return SalesforceConfig.from(settings, all);
  }

  public SalesforceDestination destination() {
    SalesforceConfig config = config();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    RetryPolicy.Sleeper recorded = d -> {
      synchronized (waits) {
        waits.add(d);
      }
      Thread.sleep(d.toMillis());
    };
    return new SalesforceDestination(config, new BulkApiClient(config, http, Clock.systemUTC()), retry(), recorded,
        new SplittableRandom(3), Clock.systemUTC());
  }

  public static RetryPolicy retry() {
    return new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(200));
  }

  public void addAccounts(int from, int to) throws SQLException {
    for (int i = from; i <= to; i++) {
      sql(String.format("INSERT INTO accounts_model VALUES ('ACC-%05d', 'Customer %d', %d, DATE '2027-0%d-01', "
          + "'%s', %d.25, TIMESTAMP '2026-06-15 00:00:00')", i, i, 10 + i, 1 + i % 9, i % 3 == 0 ? "high" : "low",
          i - 5));
    }
  }

  public static SyncSpec accounts(SyncMode mode, Guardrails guardrails, int batchSize) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("account_id", "Leakproof_Id__c");
    m.put("account_name", "Name");
    m.put("seats_active", "Seats_Active__c");
    m.put("renewal_date", "Renewal_Date__c");
    m.put("renewal_risk", "Renewal_Risk__c");
    m.put("usage_trend", "Usage_Trend_Pct__c");
    m.put("as_of", "Leakproof_Synced_At__c");
    return new SyncSpec("salesforce_accounts", "", "accounts_model", "account_id", "salesforce", "Account",
        "Leakproof_Id__c", mode, m, List.of("Name"), guardrails, batchSize);
  }

  public static SyncSpec accounts() {
    return accounts(SyncMode.UPSERT, Guardrails.defaults(), 10_000);
  }

  public SyncRunner runner(SyncSpec spec, String relation) throws SQLException {
    SyncListener listener = new SyncListener() {
      @Override
      public void retrying(int attempt, Duration wait, String reason) {
        events.add("retry " + reason.split(":")[0]);
      }

      @Override
      public void splitting(int size, String reason) {
        events.add("split " + size);
      }

      @Override
      public void reconciled(String jobId, int records) {
        events.add("reconciled " + records);
      }
    };
    RetryPolicy.Sleeper recorded = d -> {
      synchronized (waits) {
        waits.add(d);
      }
      Thread.sleep(d.toMillis());
    };
    return new SyncRunner(spec, db, relation, new SyncRunner.Options(retry(), recorded, new SplittableRandom(9),
        Clock.systemUTC(), listener));
  }

  public RunRecord sync(SyncSpec spec) throws Exception {
    try (SalesforceDestination d = destination()) {
      return runner(spec, spec.model()).apply(d);
    }
  }

  public RunRecord sync() throws Exception {
    return sync(accounts());
  }

  /** Records processed by all the org's jobs so far. */
  public long processed() {
    return org.jobs().stream().mapToLong(j -> j.numberRecordsProcessed()).sum();
  }

  public Map<String, Map<String, Object>> accountsByLeakproofId() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    org.records("Account").forEach(r -> out.put((String) r.get("Leakproof_Id__c"), r));
    return out;
  }

  public void sql(String statement) throws SQLException {
    dev.leakproof.connectors.sync.testutils.Sql.execute(db, statement);
  }

  public List<String> query(String sql) throws SQLException {
    return dev.leakproof.connectors.sync.testutils.Sql.rows(db, sql);
  }

  @Override
  public void close() throws SQLException {
    db.close();
    if (ownsOrg) {
      org.close();
    }
  }
}
