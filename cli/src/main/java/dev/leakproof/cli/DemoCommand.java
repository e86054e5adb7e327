package dev.leakproof.cli;

import dev.leakproof.cli.audit.AuditOptions;
import dev.leakproof.cli.audit.AuditResult;
import dev.leakproof.cli.audit.AuditRunner;
import dev.leakproof.cli.audit.AuditSummary;
import dev.leakproof.cli.support.Console;
import dev.leakproof.cli.sync.Destinations;
import dev.leakproof.cli.sync.SalesforceShowcase;
import dev.leakproof.cli.sync.StripeSteps;
import dev.leakproof.connectors.stripe.CustomerMapper;
import dev.leakproof.connectors.stripe.StripeConfig;
import dev.leakproof.connectors.stripe.StripeDestination;
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
        "--stream takes the streaming path instead: a local Kafka broker, the HTTP collector and the continuous "
            + "job, the dataset's events replayed through the collector into the lasting lake, then the same audit "
            + "and syncs.",
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

  @Option(names = "--stripe-port", defaultValue = "0", paramLabel = "N",
      description = "Port of the local Stripe emulator the demo bills in (default: any free port).")
  int stripePort;

  @Option(names = "--stream", description = "The streaming path: a local Kafka broker, the HTTP collector and the "
      + "continuous job; the dataset's events are replayed through the collector into the lake, which is then "
      + "audited (the plain demo runs the batch audit over the files).")
  boolean stream;

  @Option(names = "--rate", defaultValue = "0", paramLabel = "EVENTS_PER_SECOND",
      description = "With --stream: replay at this rate (default: 0, as fast as the collector takes them).")
  long rate;

  @Option(names = "--serve", description = "Keep the emulated Salesforce org and Stripe account (and their pages) up "
      + "after the demo.")
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
    AuditOptions options = new AuditOptions(dataset, asOf, out, out.resolve(".leakproof"),
        AuditOptions.parallelismOrDefault(0), "4GB");
    AuditResult result;
    if (stream) {
      AuditRunner.prepare(options.workDir());
      var replayed = new dev.leakproof.cli.stream.StreamReplay(console).run(dataset, options.workDir(), rate);
      result = new AuditRunner(console).runFromLake(options, replayed.lines(), replayed.jobRuntime());
    } else {
      result = new AuditRunner(console).run(options);
    }
    new AuditSummary(console).print(result);
    var stripeConfig = dev.leakproof.connectors.stripe.emulator.EmulatorConfig.defaults().withPort(stripePort);
    try (var stripeAccount = dev.leakproof.connectors.stripe.emulator.StripeEmulator.start(stripeConfig)) {
      billInStripe(console, out.resolve(".leakproof"), asOf, stripeAccount);
      syncToSalesforce(console, out.resolve(".leakproof").resolve("warehouse.duckdb"), stripeAccount.baseUri(),
          out.resolve(dev.leakproof.cli.report.LeakageReport.FILE));
    }
    return 0;
  }

  /**
   * Bills the usage and the seat true-ups in a local Stripe emulator: customers and meters created
   * (as a test-mode account would be set up), the billing models rebuilt on the customer map,
   * usage sent as meter events and true-ups as invoice items, then Stripe's summaries read back.
   */
  private void billInStripe(Console console, Path work, LocalDate asOf,
      dev.leakproof.connectors.stripe.emulator.StripeEmulator emulator) throws Exception {
    var emulatorConfig = emulator.config();
    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(DuckDbWarehouse.Settings.defaults(
            work.resolve("warehouse.duckdb")))) {
      console.line("");
      console.line("Billing in Stripe: a local emulator of a test-mode account at " + emulator.baseUri()
          + " (Stripe Java SDK, billing meter events on the v2 stream, invoice items)");
      Map<String, String> settings = new java.util.LinkedHashMap<>(new Destinations(SyncOptions.bundledDir(), Map.of())
          .section("stripe"));
      settings.put("api-base", emulator.baseUri().toString());
      settings.put("meter-events-base", emulator.baseUri().toString());
      settings.put("rate.basic-per-second", String.valueOf(emulatorConfig.basicPerSecond()));
      settings.put("rate.stream-events-per-second", String.valueOf(emulatorConfig.streamEventsPerSecond()));
      StripeConfig config = StripeConfig.from(settings, Map.of("STRIPE_API_KEY", emulator.secretKey()));
      try (StripeDestination stripe = StripeDestination.connect(config)) {
        CustomerMapper.Result mapped = CustomerMapper.map(warehouse.connection(), warehouse.defaultSchema()
            + ".stg_crm__accounts", stripe, CustomerMapper.Missing.CREATE);
        console.line(String.format(java.util.Locale.ROOT, "stripe.customers: %d accounts mapped (%d customers and %d "
            + "meters created)", mapped.mapped(), mapped.created(), mapped.metersCreated()));
        rebuildBillingModels(warehouse, work, asOf);
        Map<String, SyncSpec> syncs = SyncOptions.bundled();
        for (String name : List.of("stripe_usage", "stripe_true_ups")) {
          SyncSpec spec = syncs.get(name);
          new SyncStore(warehouse.connection()).reset(name);
          List<String> problems = StripeSteps.problems(warehouse, spec, stripe);
          if (!problems.isEmpty()) {
            console.line("leakproof: Cannot apply " + name + ": " + problems.get(0));
            continue;
          }
          var run = SyncDriver.run(console, warehouse, spec, stripe);
          if (run != null && name.equals("stripe_usage")) {
            StripeSteps.reconcile(console, warehouse, spec, stripe, java.time.Duration.ofSeconds(10), run.runId());
          }
        }
        var items = emulator.invoiceItems();
        console.line(String.format(java.util.Locale.ROOT, "Stripe now holds %,d meter events and %,d invoice items "
            + "(true-ups) totalling %s", emulator.meterEventCount(), items.size(),
            items.stream().collect(java.util.stream.Collectors.groupingBy(
                dev.leakproof.connectors.stripe.emulator.InvoiceItemSnapshot::currency,
                java.util.TreeMap::new, java.util.stream.Collectors.summingLong(
                    dev.leakproof.connectors.stripe.emulator.InvoiceItemSnapshot::amount))).entrySet().stream()
                .map(e -> dev.leakproof.connectors.stripe.Currencies.fromMinor(e.getValue(), e.getKey()).toPlainString()
                    + " " + e.getKey().toUpperCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.joining(" + "))));
      }
    }
  }

  /** Rebuilds the models that read the customer map, as a data engineer would after mapping. */
  private static void rebuildBillingModels(DuckDbWarehouse warehouse, Path work, LocalDate asOf) throws Exception {
    dev.leakproof.sql.project.DbtProject project = dev.leakproof.sql.project.ProjectLoader.load(
        work.resolve("sql-project"));
    dev.leakproof.sql.run.DbtEngine engine = new dev.leakproof.sql.run.DbtEngine(project, warehouse,
        dev.leakproof.sql.run.ProjectCompiler.Options.of(dev.leakproof.sql.compile.Target.DUCKDB,
            warehouse.defaultSchema(), Map.of("as_of", asOf.toString())), work.resolve("target"));
    for (var r : engine.execute(dev.leakproof.sql.run.DbtEngine.Command.RUN, "billing_usage+ billing_true_ups+", null,
        x -> { })) {
      if (r.status().equals("error")) {
        throw new IllegalStateException("Cannot rebuild " + r.name() + ": " + r.message());
      }
    }
  }

  /**
   * Syncs the CRM marts to a local Salesforce emulator through Bulk API 2.0, exactly as to an org,
   * and reads the Account fields back with SOQL.
   */
  private void syncToSalesforce(Console console, Path warehouseFile, java.net.URI stripePage, Path report)
      throws Exception {
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
        for (SyncSpec spec : SyncOptions.bundled().values().stream().filter(s -> s.destination().equals("salesforce"))
            .toList()) {
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
      console.line("");
      console.line("The leakage report, for sales, CS and finance: " + report.toAbsolutePath().toUri()
          + " (one page, opens from disk)");
      if (serve) {
        console.line("");
        console.line("The emulated org's records: " + org.baseUri() + "/");
        console.line("The emulated Stripe account's customers, meters, usage and invoice items: " + stripePage
            + "/ (Ctrl-C stops both)");
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
        stopped.await();
      }
    }
  }
}
