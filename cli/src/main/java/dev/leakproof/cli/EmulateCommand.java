package dev.leakproof.cli;

import dev.leakproof.connectors.salesforce.emulator.EmulatorConfig;
import dev.leakproof.connectors.salesforce.emulator.SalesforceEmulator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leakproof emulate salesforce}: a local org for trying the syncs without one. */
@Command(name = "emulate", mixinStandardHelpOptions = true,
    description = {"Runs a local emulator of a destination on 127.0.0.1 until interrupted (Ctrl-C).",
        "salesforce: the OAuth token endpoint (client credentials), Bulk API 2.0 ingest, sObject describe, a SOQL "
            + "subset, the org's API budget, and a read-only page of its records at /. The client secret is "
            + "SALESFORCE_AUTH_CLIENT_SECRET when set, else the emulator's public demo secret."})
final class EmulateCommand implements Callable<Integer> {

  @Parameters(paramLabel = "DESTINATION", description = "The destination to emulate: salesforce.")
  String destination;

  @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "Port on 127.0.0.1 (default: any free).")
  int port;

  @Option(names = "--api-budget", paramLabel = "N", defaultValue = "100000",
      description = "Daily API requests before 403 REQUEST_LIMIT_EXCEEDED (default: 100000).")
  long apiBudget;

  @Option(names = "--rows-per-second", paramLabel = "N", defaultValue = "0",
      description = "Bulk processing speed (default: 0, unlimited).")
  int rowsPerSecond;

  @Override
  public Integer call() throws Exception {
    if (!destination.equals("salesforce")) {
      throw new IllegalArgumentException("Invalid destination: " + destination + " (salesforce)");
    }
    EmulatorConfig config = EmulatorConfig.defaults().withPort(port).withDailyApiBudget(apiBudget)
        .withRowsPerSecond(rowsPerSecond);
    String secret = System.getenv("SALESFORCE_AUTH_CLIENT_SECRET");
    boolean demoSecret = secret == null || secret.isBlank();
    if (!demoSecret) {
      config = config.withClientCredentials(config.clientId(), secret);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (SalesforceEmulator emulator = SalesforceEmulator.start(config)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      System.out.println("Salesforce emulator on " + emulator.baseUri() + " (records: " + emulator.baseUri() + "/)");
      System.out.println("Point the syncs at it:");
      System.out.println("  export SALESFORCE_LOGIN_URL=" + emulator.baseUri());
      System.out.println("  export SALESFORCE_AUTH_CLIENT_ID=" + config.clientId());
      if (demoSecret) {
        System.out.println("  export SALESFORCE_AUTH_CLIENT_SECRET=" + config.clientSecret()
            + "   # the emulator's public demo secret");
      }
      System.out.println("Ctrl-C stops it.");
      System.out.flush();
      stopped.await();
    }
    return 0;
  }
}
