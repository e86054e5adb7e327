package dev.leakproof.connectors.stripe.testutils;

import dev.leakproof.connectors.api.RetryPolicy;
import dev.leakproof.connectors.stripe.SdkStripeApi;
import dev.leakproof.connectors.stripe.StripeConfig;
import dev.leakproof.connectors.stripe.StripeDestination;
import dev.leakproof.connectors.stripe.emulator.EmulatorConfig;
import dev.leakproof.connectors.stripe.emulator.StripeEmulator;
import dev.leakproof.connectors.sync.Guardrails;
import dev.leakproof.connectors.sync.RunRecord;
import dev.leakproof.connectors.sync.SyncListener;
import dev.leakproof.connectors.sync.SyncMode;
import dev.leakproof.connectors.sync.SyncRunner;
import dev.leakproof.connectors.sync.SyncSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An emulated Stripe account with customers and meters, a DuckDB warehouse with a billing usage
 * model, and the sync engine between them; the connector's clock is the emulator's, so tests can
 * move both past Stripe's 24-hour and 35-day windows.
 */
public final class BillingFixture implements AutoCloseable {

  public final StripeEmulator stripe;
  public final Connection db;
  public final Map<String, String> customers = new LinkedHashMap<>();
  public final List<Duration> waits = new ArrayList<>();
  public final List<String> events = new ArrayList<>();
  public final Map<String, String> settings = new HashMap<>();
  private final boolean ownsEmulator;

  public BillingFixture(EmulatorConfig config, String jdbcUrl) throws SQLException {
    this(StripeEmulator.start(config.withSummaryDelay(Duration.ofMillis(100))), jdbcUrl, true);
  }

  public BillingFixture(StripeEmulator stripe, String jdbcUrl, boolean ownsEmulator) throws SQLException {
    this.stripe = stripe;
    this.ownsEmulator = ownsEmulator;
    this.db = DriverManager.getConnection(jdbcUrl);
    settings.put("api-base", stripe.baseUri().toString());
    settings.put("meter-events-base", stripe.baseUri().toString());
    settings.put("http.timeout", "PT2S");
    settings.put("meters.api_calls", "api_calls");
    settings.put("meters.emails_sent", "emails_sent");
    sql("CREATE TABLE IF NOT EXISTS billing_usage (usage_key VARCHAR, account_id VARCHAR, stripe_customer_id VARCHAR, "
        + "metric VARCHAR, usage_date DATE, quantity BIGINT, unit_amount DECIMAL(18,10), currency VARCHAR)");
  }

  public static BillingFixture start() throws SQLException {
    return new BillingFixture(EmulatorConfig.defaults(), "jdbc:duckdb:");
  }

  /** Customers ACC-00001.. with metadata, and the two meters. */
  public BillingFixture withAccounts(int n) {
    if (stripe.meters().isEmpty()) {
      stripe.createMeter("api_calls", "API calls");
      stripe.createMeter("emails_sent", "Emails sent");
    }
    for (int i = 1; i <= n; i++) {
      String account = String.format("ACC-%05d", i);
      customers.computeIfAbsent(account, a -> stripe.createCustomer("Customer " + a.substring(4),
          Map.of("leakproof_account_id", a)));
    }
    return this;
  }

  /** The emulator's "now", the day before it, and so on. */
  public LocalDate today() {
    return stripe.now().atZone(ZoneOffset.UTC).toLocalDate();
  }

  public void usage(String account, String metric, LocalDate day, long quantity) throws SQLException {
    String key = account + "|" + metric + "|" + day;
    sql("DELETE FROM billing_usage WHERE usage_key = '" + key + "'");
    String customer = customers.get(account);
    sql("INSERT INTO billing_usage (usage_key, account_id, stripe_customer_id, metric, usage_date, quantity, "
        + "unit_amount, currency) VALUES ('" + key + "', '" + account + "', " + (customer == null ? "NULL"
        : "'" + customer + "'") + ", '" + metric + "', DATE '" + day + "', " + quantity + ", 0.0020, 'USD')");
  }

  /**
   * A correction record of usage received after its month closed, as billing_usage has it: a row
   * of its own (key {@code ACC|metric|late:YYYY-MM|received day}) billed as an invoice item only.
   * Adds the columns bill_as, usage_month and description the first time.
   */
  public String lateCorrection(String account, String metric, java.time.YearMonth month, LocalDate received,
      long units, String unitAmount, String evidence) throws SQLException {
    withCorrectionColumns();
    String key = account + "|" + metric + "|late:" + month + "|" + received;
    sql("DELETE FROM billing_usage WHERE usage_key = '" + key + "'");
    sql("INSERT INTO billing_usage (usage_key, account_id, stripe_customer_id, metric, usage_date, quantity, "
        + "unit_amount, currency, bill_as, usage_month, description) VALUES ('" + key + "', '" + account + "', '"
        + customers.get(account) + "', '" + metric + "', DATE '" + received + "', " + units + ", " + unitAmount
        + ", 'USD', 'invoice_item', DATE '" + month.atDay(1) + "', '" + evidence.replace("'", "''") + "')");
    return key;
  }

  /** Adds billing_usage's columns bill_as (default meter), usage_month and description. */
  public BillingFixture withCorrectionColumns() throws SQLException {
    sql("ALTER TABLE billing_usage ADD COLUMN IF NOT EXISTS bill_as VARCHAR DEFAULT 'meter'");
    sql("ALTER TABLE billing_usage ADD COLUMN IF NOT EXISTS usage_month DATE");
    sql("ALTER TABLE billing_usage ADD COLUMN IF NOT EXISTS description VARCHAR");
    return this;
  }

  /** The usage sync with the columns of correction records mapped (syncs/stripe_usage.yml). */
  public static SyncSpec usageSyncWithCorrections(int batchSize) {
    SyncSpec base = usageSync(batchSize);
    Map<String, String> m = new LinkedHashMap<>(base.mappings());
    m.put("bill_as", "bill_as");
    m.put("usage_month", "usage_month");
    m.put("description", "description");
    return new SyncSpec(base.name(), base.description(), base.model(), base.primaryKey(), base.destination(),
        base.object(), base.externalIdField(), base.mode(), m, base.createOnly(), base.guardrails(), base.batchSize());
  }

  public StripeConfig config() {
    return StripeConfig.from(settings, Map.of("STRIPE_API_KEY", stripe.secretKey()));
  }

  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return stripe.now();
      }
    };
  }

  public StripeDestination destination() {
    StripeConfig config = config();
    RetryPolicy.Sleeper recorded = d -> {
      synchronized (waits) {
        waits.add(d);
      }
      Thread.sleep(d.toMillis());
    };
    return new StripeDestination(config, new SdkStripeApi(config, new RetryPolicy(6, Duration.ofMillis(20),
        Duration.ofSeconds(2)), recorded, new SplittableRandom(4), clock()), clock());
  }

  public static SyncSpec usageSync(int batchSize) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("usage_key", "usage_key");
    m.put("account_id", "account");
    m.put("stripe_customer_id", "customer");
    m.put("metric", "metric");
    m.put("usage_date", "day");
    m.put("quantity", "quantity");
    m.put("unit_amount", "unit_amount");
    m.put("currency", "currency");
    return new SyncSpec("stripe_usage", "", "billing_usage", "usage_key", "stripe", "billing.meter_event", "usage_key",
        SyncMode.UPSERT, m, List.of(), new Guardrails(null, 0, Guardrails.NullOverwrite.ALLOW), batchSize);
  }

  public SyncRunner runner(SyncSpec spec) throws SQLException {
    SyncListener listener = new SyncListener() {
      @Override
      public void retrying(int attempt, Duration wait, String reason) {
        events.add("retry " + reason.split(":")[0]);
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
    return new SyncRunner(spec, db, spec.model(), new SyncRunner.Options(new RetryPolicy(4, Duration.ofMillis(20),
        Duration.ofSeconds(1)), recorded, new SplittableRandom(9), clock(), listener));
  }

  public RunRecord sync(SyncSpec spec) throws Exception {
    try (StripeDestination d = destination()) {
      return runner(spec).apply(d);
    }
  }

  public RunRecord sync() throws Exception {
    return sync(usageSync(10_000));
  }

  /** What the warehouse says, what Stripe's meter bills (ignoring the summary delay), per usage key. */
  public Map<String, long[]> billedByKey() throws SQLException {
    Map<String, long[]> out = new LinkedHashMap<>();
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT usage_key, stripe_customer_id, "
        + "metric, usage_date, quantity FROM billing_usage ORDER BY usage_key")) {
      while (rs.next()) {
        out.put(rs.getString(1), new long[] {rs.getLong(5),
            stripe.summedUsage(rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate())});
      }
    }
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
    if (ownsEmulator) {
      stripe.close();
    }
  }
}
