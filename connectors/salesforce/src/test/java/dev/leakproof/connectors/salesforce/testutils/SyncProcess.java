package dev.leakproof.connectors.salesforce.testutils;

import dev.leakproof.connectors.api.RetryPolicy;
import dev.leakproof.connectors.salesforce.SalesforceConfig;
import dev.leakproof.connectors.salesforce.SalesforceDestination;
import dev.leakproof.connectors.sync.SyncListener;
import dev.leakproof.connectors.sync.SyncRunner;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A sync run in a process of its own, for tests that kill it: {@code SyncProcess <duckdb file>},
 * with the org's login URL and credentials in the environment (as in production).
 */
public final class SyncProcess {

  private SyncProcess() {}

  public static void main(String[] args) throws Exception {
    SalesforceConfig config = SalesforceConfig.from(Map.of("bulk.poll-initial", "PT0.05S", "bulk.poll-max",
        "PT0.2S"), System.getenv());
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + args[0]);
        SalesforceDestination destination = SalesforceDestination.connect(config)) {
      SyncRunner runner = new SyncRunner(OrgFixture.accounts(), db, "accounts_model", new SyncRunner.Options(
          OrgFixture.retry(), RetryPolicy.Sleeper.REAL, new SplittableRandom(1), Clock.systemUTC(), SyncListener.NONE));
      System.out.println(runner.apply(destination).status());
    }
  }
}
