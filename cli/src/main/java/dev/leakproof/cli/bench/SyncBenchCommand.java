package dev.leakproof.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakproof.cli.support.Console;
import dev.leakproof.cli.sync.SyncOptions;
import dev.leakproof.connectors.salesforce.SalesforceConfig;
import dev.leakproof.connectors.salesforce.SalesforceDestination;
import dev.leakproof.connectors.salesforce.emulator.EmulatorConfig;
import dev.leakproof.connectors.salesforce.emulator.SalesforceEmulator;
import dev.leakproof.connectors.sync.RunRecord;
import dev.leakproof.connectors.sync.SyncListener;
import dev.leakproof.connectors.sync.SyncRunner;
import dev.leakproof.connectors.sync.SyncSpec;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leakproof bench sync}: the Account sync's speed against the emulated org. */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = {"Measures the salesforce_accounts sync on N generated Account rows against the local Salesforce "
        + "emulator: a first apply that creates them all, a second with nothing to send, and one that changes 10%% "
        + "of them. Reports rows/s, Bulk API jobs and API requests per run, and the process's peak memory; writes "
        + "bench-sync.json."})
public final class SyncBenchCommand implements Callable<Integer> {

  @Option(names = "--rows", defaultValue = "100000", paramLabel = "N", description = "Accounts (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--dir", defaultValue = "target/bench-sync", paramLabel = "DIR",
      description = "Work directory (default: ./${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--batch-size", defaultValue = "0", paramLabel = "N",
      description = "Records per Bulk API job (default: the sync file's batch_size).")
  int batchSize;

  @Option(names = "--rows-per-second", defaultValue = "0", paramLabel = "N",
      description = "The emulator's bulk processing speed (default: 0, unlimited: the client is measured).")
  int rowsPerSecond;

  @Override
  public Integer call() throws Exception {
    Console console = Console.stdout();
    Files.createDirectories(dir);
    ObjectNode report = new ObjectMapper().createObjectNode();
    report.put("rows", rows);
    Path file = dir.resolve("warehouse.duckdb");
    Files.deleteIfExists(file);
    SyncSpec shipped = SyncOptions.bundled().get("salesforce_accounts");
    SyncSpec spec = batchSize <= 0 ? shipped : new SyncSpec(shipped.name(), shipped.description(), shipped.model(),
        shipped.primaryKey(), shipped.destination(), shipped.object(), shipped.externalIdField(), shipped.mode(),
        shipped.mappings(), shipped.createOnly(), shipped.guardrails(), batchSize);
    report.put("batch_size", spec.batchSize());
    report.put("emulator_rows_per_second", rowsPerSecond);
    EmulatorConfig emulatorConfig = EmulatorConfig.defaults().withDailyApiBudget(1_000_000)
        .withRowsPerSecond(rowsPerSecond);
    try (SalesforceEmulator org = SalesforceEmulator.start(emulatorConfig);
        DuckDbWarehouse warehouse = DuckDbWarehouse.open(DuckDbWarehouse.Settings.defaults(file))) {
      warehouse.execute("CREATE TABLE main.crm_account_fields AS SELECT "
          + "'ACC-' || lpad(CAST(i AS VARCHAR), 7, '0') AS account_id, 'Customer ' || i AS account_name, "
          + "CAST(i % 500 AS INTEGER) AS seats_active, CAST(50 + i % 300 AS INTEGER) AS seats_licensed, "
          + "CAST(round((i % 500) * 100.0 / (50 + i % 300), 2) AS DECIMAL(8,2)) AS seat_utilisation_pct, "
          + "CAST(i * 3.5 AS DECIMAL(18,2)) AS usage_28d, CAST((i % 61) - 30 AS DECIMAL(12,2)) AS usage_trend_pct, "
          + "CASE i % 3 WHEN 0 THEN 'none' WHEN 1 THEN 'watch' ELSE 'expand' END AS expansion_signal, "
          + "CAST(i % 997 * 12.5 AS DECIMAL(18,2)) AS expansion_arr, CAST(i % 101 * 3.25 AS DECIMAL(18,2)) AS open_leakage, "
          + "CAST(i % 89 * 100 AS DECIMAL(18,2)) AS at_risk_arr, DATE '2027-01-01' + CAST(i % 365 AS INTEGER) AS renewal_date, "
          + "CAST(i % 1000 * 120 AS DECIMAL(18,2)) AS renewal_amount, "
          + "CASE i % 3 WHEN 0 THEN 'low' WHEN 1 THEN 'medium' ELSE 'high' END AS renewal_risk, "
          + "CAST(i % 101 AS INTEGER) AS health_score, TIMESTAMP '2026-06-15 00:00:00' AS data_as_of "
          + "FROM range(1, " + (rows + 1) + ") AS t(i)");
      SalesforceConfig config = SalesforceConfig.from(Map.of("login-url", org.baseUri().toString(),
          "bulk.poll-initial", "PT0.05S", "bulk.poll-max", "PT1S"), Map.of("SALESFORCE_AUTH_CLIENT_ID",
          emulatorConfig.clientId(), "SALESFORCE_AUTH_CLIENT_SECRET", emulatorConfig.clientSecret()));
      try (SalesforceDestination salesforce = SalesforceDestination.connect(config)) {
        run(console, report, "first_apply_creates", warehouse, spec, salesforce, org);
        run(console, report, "second_apply_unchanged", warehouse, spec, salesforce, org);
        warehouse.execute("UPDATE main.crm_account_fields SET seats_active = seats_active + 1 WHERE "
            + "CAST(substr(account_id, 5) AS INTEGER) % 10 = 0");
        run(console, report, "third_apply_10pct_changed", warehouse, spec, salesforce, org);
        report.put("accounts_in_org", org.records("Account").size());
      }
    }
    BenchReport.finish(console, report, dir.resolve("bench-sync.json"));
    return 0;
  }

  private static void run(Console console, ObjectNode report, String name, DuckDbWarehouse warehouse, SyncSpec spec,
      SalesforceDestination salesforce, SalesforceEmulator org) throws Exception {
    int jobsBefore = org.jobs().size();
    long callsBefore = org.apiUsage();
    long t = System.nanoTime();
    SyncRunner runner = new SyncRunner(spec, warehouse.connection(), "main.crm_account_fields",
        SyncRunner.Options.defaults(SyncListener.NONE));
    RunRecord run = runner.apply(salesforce);
    double seconds = (System.nanoTime() - t) / 1e9;
    ObjectNode r = report.putObject(name);
    r.put("status", run.status());
    r.put("seconds", Math.round(seconds * 100) / 100.0);
    r.put("sent", run.creates() + run.updates());
    r.put("confirmed", run.confirmed());
    r.put("rows_per_second", Math.round(spec.batchSize() > 0 ? (double) (run.creates() + run.updates()
        + run.unchanged()) / seconds : 0));
    r.put("sent_per_second", Math.round((run.creates() + run.updates()) / seconds));
    r.put("bulk_jobs", org.jobs().size() - jobsBefore);
    r.put("api_requests", org.apiUsage() - callsBefore);
    console.line(String.format(Locale.ROOT, "%-26s %-9s %7.2f s  %,8d sent  %,9.0f rows/s planned  %,9.0f sent/s  "
        + "%3d jobs  %4d API requests", name, run.status(), seconds, run.creates() + run.updates(),
        (run.creates() + run.updates() + run.unchanged()) / seconds, (run.creates() + run.updates()) / seconds,
        org.jobs().size() - jobsBefore, org.apiUsage() - callsBefore));
  }
}
