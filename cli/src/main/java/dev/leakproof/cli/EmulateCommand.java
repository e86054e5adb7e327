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
        "stripe: customers, billing meters, meter events (v1 and the v2 stream), adjustments, event summaries, "
            + "invoice items, Idempotency-Key replay and rate limits, on a test-mode key; a page of the account at /.",
        "salesforce: the OAuth token endpoint (client credentials), Bulk API 2.0 ingest, sObject describe, a SOQL "
            + "subset, the org's API budget, and a read-only page of its records at /. The client secret is "
            + "SALESFORCE_AUTH_CLIENT_SECRET when set, else the emulator's public demo secret."})
final class EmulateCommand implements Callable<Integer> {

  @Parameters(paramLabel = "DESTINATION", description = "The destination to emulate: salesforce or stripe.")
  String destination;

  @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "Port on 127.0.0.1 (default: any free).")
  int port;

  @Option(names = "--api-budget", paramLabel = "N", defaultValue = "100000",
      description = "Daily API requests before 403 REQUEST_LIMIT_EXCEEDED (default: 100000).")
  long apiBudget;

  @Option(names = "--rows-per-second", paramLabel = "N", defaultValue = "0",
      description = "Bulk processing speed (default: 0, unlimited).")
  int rowsPerSecond;

  @Option(names = "--stream-events-per-second", paramLabel = "N", defaultValue = "10000",
      description = "stripe: v2 meter event stream limit in events/s (default: 10000, Stripe's live limit).")
  int streamEventsPerSecond;

  @Option(names = "--basic-per-second", paramLabel = "N", defaultValue = "100",
      description = "stripe: requests/s on the basic limit (default: 100, Stripe's live limit).")
  int basicPerSecond;

  @Override
  public Integer call() throws Exception {
    if (destination.equals("stripe")) {
      return stripe();
    }
    if (!destination.equals("salesforce")) {
      throw new IllegalArgumentException("Invalid destination: " + destination + " (salesforce, stripe)");
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

  private int stripe() throws InterruptedException {
    dev.leakproof.connectors.stripe.emulator.EmulatorConfig config = dev.leakproof.connectors.stripe.emulator
        .EmulatorConfig.defaults().withPort(port).withRateLimits(basicPerSecond, 1000, streamEventsPerSecond);
    CountDownLatch stopped = new CountDownLatch(1);
    try (var emulator = dev.leakproof.connectors.stripe.emulator.StripeEmulator.start(config)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      System.out.println("Stripe emulator on " + emulator.baseUri() + " (account page: " + emulator.baseUri() + "/)");
      System.out.println("Point the syncs at it (then: leakproof stripe map --create-missing):");
      System.out.println("  export STRIPE_API_BASE=" + emulator.baseUri());
      System.out.println("  export STRIPE_METER_EVENTS_BASE=" + emulator.baseUri());
      System.out.println("  export STRIPE_API_KEY=" + emulator.secretKey() + "   # the emulator's public test key");
      System.out.println("  export STRIPE_RATE_BASIC_PER_SECOND=" + basicPerSecond
          + " STRIPE_RATE_STREAM_EVENTS_PER_SECOND=" + streamEventsPerSecond);
      System.out.println("Ctrl-C stops it.");
      System.out.flush();
      stopped.await();
    }
    return 0;
  }
}
