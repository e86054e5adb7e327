package dev.leakproof.cli;

import dev.leakproof.cli.audit.AuditOptions;
import dev.leakproof.cli.audit.AuditResult;
import dev.leakproof.cli.audit.AuditRunner;
import dev.leakproof.cli.audit.AuditSummary;
import dev.leakproof.cli.support.Console;
import dev.leakproof.cli.sync.SalesforceShowcase;
import dev.leakproof.cli.sync.SyncDriver;
import dev.leakproof.cli.sync.SyncOptions;
import dev.leakproof.connectors.salesforce.SalesforceConfig;
import dev.leakproof.connectors.salesforce.SalesforceDestination;
import dev.leakproof.connectors.salesforce.emulator.EmulatorConfig;
import dev.leakproof.connectors.salesforce.emulator.SalesforceEmulator;
import dev.leakproof.connectors.sync.SyncSpec;
import dev.leakproof.connectors.sync.SyncStore;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.util.List;
import java.util.Map;
import dev.leakproof.datagen.GeneratorConfig;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leakproof demo}: generates a dataset and audits it, on the embedded defaults. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Generates a realistic dataset under a work directory, runs the audit on it (Flink ingestion "
        + "into the Iceberg lake, the SQL models on DuckDB), prints the leakage found and where the outputs are, "
        + "then syncs the CRM fields and expansion opportunities to a local Salesforce emulator and reads them back.",
        "Needs no arguments."})
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--dir", defaultValue = "leakproof-demo", paramLabel = "DIR",
      description = "Work directory for the dataset and the outputs (default: ./${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--accounts", defaultValue = "120", paramLabel = "N", description = "Accounts (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(names = "--seed", defaultValue = "7", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--emulator-port", defaultValue = "0", paramLabel = "N",
      description = "Port of the local Salesforce emulator the demo syncs to (default: any free port).")
  int emulatorPort;

  @Option(names = "--serve", description = "Keep the emulated org (and its page of records) up after the demo.")
  boolean serve;

  @Override
  public Integer call() throws Exception {
    Console console = Console.stdout();
    LocalDate asOf = LocalDate.now(ZoneOffset.UTC);
    Path dataset = dir.resolve("dataset");
    Path out = dir.resolve("audit");
    console.line("Leakproof demo: " + accounts + " accounts, 12 months of usage, as of " + asOf + ".");
    GeneratorConfig config = GeneratorConfig.defaults(accounts, 12, seed, asOf);
    GenerateCommand.generate(config, dataset, console);
    console.line("Dataset: " + dataset.toAbsolutePath() + " (leaks injected: "
        + dataset.resolve("_generator/injected_leaks.csv") + ")");
    AuditResult result = new AuditRunner(console).run(
        new AuditOptions(dataset, asOf, out, out.resolve(".leakproof"), AuditOptions.parallelismOrDefault(0), "4GB"));
    new AuditSummary(console).print(result);
    syncToSalesforce(console, out.resolve(".leakproof").resolve("warehouse.duckdb"));
    return 0;
  }

  /**
   * Syncs the CRM marts to a local Salesforce emulator through Bulk API 2.0, exactly as to an org,
   * and reads the Account fields back with SOQL.
   */
  private void syncToSalesforce(Console console, Path warehouseFile) throws Exception {
    EmulatorConfig emulatorConfig = EmulatorConfig.defaults().withPort(emulatorPort);
    try (SalesforceEmulator org = SalesforceEmulator.start(emulatorConfig);
        DuckDbWarehouse warehouse = DuckDbWarehouse.open(DuckDbWarehouse.Settings.defaults(warehouseFile))) {
      console.line("");
      console.line("Syncing to Salesforce: a local emulator of the org at " + org.baseUri()
          + " (Bulk API 2.0, OAuth client credentials)");
      SalesforceConfig config = SalesforceConfig.from(
          Map.of("login-url", org.baseUri().toString(), "bulk.poll-initial", "PT0.05S", "bulk.poll-max", "PT0.5S"),
          Map.of("SALESFORCE_AUTH_CLIENT_ID", emulatorConfig.clientId(),
              "SALESFORCE_AUTH_CLIENT_SECRET", emulatorConfig.clientSecret()));
      try (SalesforceDestination salesforce = SalesforceDestination.connect(config)) {
        for (SyncSpec spec : SyncOptions.bundled().values()) {
          // a new emulated org each demo: what an earlier demo's org confirmed does not hold for it
          new SyncStore(warehouse.connection()).reset(spec.name());
          SyncDriver.run(console, warehouse, spec, salesforce);
        }
        console.line("");
        console.line("What sales and CS now see on the Accounts to expand (read back with SOQL):");
        SalesforceShowcase.print(console, salesforce.api(), "SELECT Leakproof_Id__c, Name, Seats_Active__c, "
            + "Seats_Licensed__c, Expansion_Signal__c, Expansion_ARR__c, Open_Leakage__c, Renewal_Date__c, "
            + "Renewal_Risk__c FROM Account WHERE Expansion_Signal__c = 'expand' ORDER BY Open_Leakage__c DESC "
            + "LIMIT 8", List.of("Leakproof_Id__c", "Name", "Seats_Active__c", "Seats_Licensed__c",
            "Expansion_Signal__c", "Expansion_ARR__c", "Open_Leakage__c", "Renewal_Date__c", "Renewal_Risk__c"));
        console.line("");
        console.line("Expansion opportunities:");
        SalesforceShowcase.print(console, salesforce.api(), "SELECT Leakproof_Key__c, Name, StageName, Amount, "
            + "CloseDate FROM Opportunity ORDER BY Amount DESC LIMIT 5", List.of("Leakproof_Key__c", "Name",
            "StageName", "Amount", "CloseDate"));
        long[] usage = salesforce.api().apiUsage();
        console.line(String.format(java.util.Locale.ROOT, "Salesforce API requests used: %,d of %,d a day.",
            usage[0], usage[1]));
      }
      if (serve) {
        console.line("");
        console.line("The emulated org's records: " + org.baseUri() + "/ (Ctrl-C stops it)");
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
        stopped.await();
      }
    }
  }
}
