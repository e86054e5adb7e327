package dev.leakproof.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakproof.cli.support.Console;
import dev.leakproof.cli.sync.Destinations;
import dev.leakproof.cli.sync.StripeSteps;
import dev.leakproof.cli.sync.SyncOptions;
import dev.leakproof.connectors.stripe.StripeConfig;
import dev.leakproof.connectors.stripe.StripeDestination;
import dev.leakproof.connectors.stripe.UsageReconciler;
import dev.leakproof.connectors.stripe.emulator.EmulatorConfig;
import dev.leakproof.connectors.stripe.emulator.StreamStats;
import dev.leakproof.connectors.stripe.emulator.StripeEmulator;
import dev.leakproof.connectors.sync.RunRecord;
import dev.leakproof.connectors.sync.SyncListener;
import dev.leakproof.connectors.sync.SyncRunner;
import dev.leakproof.connectors.sync.SyncSpec;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leakproof bench stripe}: usage through the v2 meter event stream against the emulated account. */
@Command(name = "stripe", mixinStandardHelpOptions = true,
    description = {"Measures the stripe_usage sync on N usage rows (2 metrics x 30 days x N/60 customers) against "
        + "the local Stripe emulator: the v2 stream's events/s against the emulator's limit, the whole apply, and the "
        + "reconciliation's capture rate; writes bench-stripe.json."})
public final class StripeBenchCommand implements Callable<Integer> {

  @Option(names = "--rows", defaultValue = "1000000", paramLabel = "N", description = "Usage rows (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--stream-events-per-second", defaultValue = "10000", paramLabel = "N",
      description = "The emulator's v2 stream limit (default: ${DEFAULT-VALUE}, Stripe's live limit).")
  int streamLimit;

  @Option(names = "--basic-per-second", defaultValue = "1000", paramLabel = "N",
      description = "The emulator's basic limit, which the reconciliation's summary reads use (default: ${DEFAULT-VALUE}).")
  int basicLimit;

  @Option(names = "--headroom-pct", defaultValue = "2", paramLabel = "P",
      description = "Share of each limit the client leaves unused (default: ${DEFAULT-VALUE}).")
  int headroom;

  @Option(names = "--dir", defaultValue = "target/bench-stripe", paramLabel = "DIR",
      description = "Work directory (default: ./${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    Console console = Console.stdout();
    Files.createDirectories(dir);
    Path file = dir.resolve("warehouse.duckdb");
    Files.deleteIfExists(file);
    SyncSpec spec = SyncOptions.bundled().get("stripe_usage");
    ObjectNode report = new ObjectMapper().createObjectNode();
    report.put("rows", rows);
    report.put("emulator_stream_events_per_second", streamLimit);
    report.put("client_headroom_pct", headroom);
    int customers = (int) Math.ceil(rows / 60.0);
    EmulatorConfig emulatorConfig = EmulatorConfig.defaults().withRateLimits(basicLimit, 1000, streamLimit);
    try (StripeEmulator stripe = StripeEmulator.start(emulatorConfig);
        DuckDbWarehouse warehouse = DuckDbWarehouse.open(DuckDbWarehouse.Settings.defaults(file))) {
      long t = System.nanoTime();
      stripe.createMeter("api_calls", "API calls");
      stripe.createMeter("emails_sent", "Emails sent");
      stripe.createMeter("ai_tokens", "AI tokens");
      warehouse.execute("CREATE TABLE main.bench_customers (n INTEGER, stripe_customer_id VARCHAR)");
      try (DuckDBAppender a = warehouse.connection().unwrap(DuckDBConnection.class).createAppender("main",
          "bench_customers")) {
        for (int i = 1; i <= customers; i++) {
          a.beginRow().append(i).append(stripe.createCustomer("Customer " + i, Map.of())).endRow();
        }
      }
      LocalDate yesterday = stripe.now().atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
      warehouse.execute("CREATE TABLE main.billing_usage AS SELECT 'ACC-' || lpad(CAST(c.n AS VARCHAR), 7, '0') || '|' "
          + "|| m.metric || '|' || CAST(DATE '" + yesterday + "' - CAST(d.d AS INTEGER) AS VARCHAR) AS usage_key, "
          + "'ACC-' || lpad(CAST(c.n AS VARCHAR), 7, '0') AS account_id, c.stripe_customer_id, m.metric, "
          + "DATE '" + yesterday + "' - CAST(d.d AS INTEGER) AS usage_date, CAST(100 + (c.n * 7 + d.d * 13) % 5000 AS BIGINT) AS quantity, "
          + "CAST(0.002 AS DECIMAL(18,10)) AS unit_amount, 'USD' AS currency "
          + "FROM main.bench_customers c, (SELECT 'api_calls' AS metric UNION ALL SELECT 'emails_sent') m, "
          + "range(0, 30) AS d(d) ORDER BY 1 LIMIT " + rows);
      console.line(String.format(Locale.ROOT, "set up %,d customers and %,d usage rows in %.1f s", customers, rows,
          (System.nanoTime() - t) / 1e9));
      Map<String, String> settings = new LinkedHashMap<>(new Destinations(SyncOptions.bundledDir(), Map.of())
          .section("stripe"));
      settings.put("api-base", stripe.baseUri().toString());
      settings.put("meter-events-base", stripe.baseUri().toString());
      settings.put("rate.basic-per-second", String.valueOf(basicLimit));
      settings.put("rate.stream-events-per-second", String.valueOf(streamLimit));
      settings.put("rate.headroom-pct", String.valueOf(headroom));
      settings.put("usage.transport", "v2");
      StripeConfig config = StripeConfig.from(settings, Map.of("STRIPE_API_KEY", stripe.secretKey()));
      try (StripeDestination destination = StripeDestination.connect(config)) {
        t = System.nanoTime();
        SyncRunner runner = new SyncRunner(spec, warehouse.connection(), "main.billing_usage",
            SyncRunner.Options.defaults(SyncListener.NONE));
        RunRecord run = runner.apply(destination);
        double applySeconds = (System.nanoTime() - t) / 1e9;
        StreamStats streamed = stripe.acceptedStreamEvents();
        double streamRate = streamed.eventsPerSecond();
        ObjectNode apply = report.putObject("apply");
        apply.put("status", run.status());
        apply.put("confirmed", run.confirmed());
        apply.put("seconds", Math.round(applySeconds * 100) / 100.0);
        apply.put("rows_per_second", Math.round(rows / applySeconds));
        apply.put("stream_requests", streamed.requests());
        apply.put("stream_events", streamed.events());
        apply.put("stream_events_per_second", Math.round(streamRate));
        apply.put("stream_pct_of_limit", Math.round(streamRate * 1000.0 / streamLimit) / 10.0);
        apply.put("rate_limited_requests", stripe.requestCount("/v2/billing/meter_event_stream") - streamed.requests());
        console.line(String.format(Locale.ROOT, "apply: %s, %,d rows in %.1f s (%,.0f rows/s end to end); the v2 stream "
            + "took %,d events in %,d requests at %,.0f events/s = %.1f%% of the emulator's %,d/s", run.status(), rows,
            applySeconds, rows / applySeconds, streamed.events(), streamed.requests(), streamRate,
            streamRate * 100.0 / streamLimit, streamLimit));
        t = System.nanoTime();
        UsageReconciler.Result r = StripeSteps.reconcile(console, warehouse, spec, destination, Duration.ofSeconds(30),
            run.runId());
        ObjectNode rec = report.putObject("reconciliation");
        rec.put("seconds", Math.round((System.nanoTime() - t) / 1e7) / 100.0);
        rec.put("summary_requests", r.summaryRequests());
        rec.put("metered_units", r.meteredUnits());
        rec.put("billed_units", r.billedUnits());
        rec.put("capture_rate_pct", r.captureRatePct());
        rec.put("gaps", r.gaps().size());
      }
    }
    BenchReport.finish(console, report, dir.resolve("bench-stripe.json"));
    return 0;
  }
}
