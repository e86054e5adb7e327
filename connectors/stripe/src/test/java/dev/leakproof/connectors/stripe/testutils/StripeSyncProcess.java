package dev.leakproof.connectors.stripe.testutils;

import dev.leakproof.connectors.api.RetryPolicy;
import dev.leakproof.connectors.stripe.StripeConfig;
import dev.leakproof.connectors.stripe.StripeDestination;
import dev.leakproof.connectors.sync.SyncListener;
import dev.leakproof.connectors.sync.SyncRunner;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The usage sync in a process of its own, for the test that kills it: {@code StripeSyncProcess
 * <duckdb file> <emulator url> <key>}.
 */
public final class StripeSyncProcess {

  private StripeSyncProcess() {}

  public static void main(String[] args) throws Exception {
    StripeConfig config = StripeConfig.from(Map.of("api-base", args[1], "meter-events-base", args[1],
        "meters.api_calls", "api_calls", "meters.emails_sent", "emails_sent", "usage.transport", "v2",
        "rate.basic-per-second", "100", "rate.stream-events-per-second", "2000"), Map.of("STRIPE_API_KEY", args[2]));
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + args[0]);
        StripeDestination stripe = StripeDestination.connect(config)) {
      SyncRunner runner = new SyncRunner(BillingFixture.usageSync(1000), db, "billing_usage", new SyncRunner.Options(
          new RetryPolicy(4, Duration.ofMillis(50), Duration.ofSeconds(1)), RetryPolicy.Sleeper.REAL,
          new SplittableRandom(1), Clock.systemUTC(), SyncListener.NONE));
      System.out.println(runner.apply(stripe).status());
    }
  }
}
