package dev.leakproof.connectors.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.connectors.api.RetryPolicy;
import dev.leakproof.connectors.stripe.emulator.EmulatorConfig;
import dev.leakproof.connectors.stripe.emulator.StripeEmulator;
import dev.leakproof.connectors.stripe.testutils.BillingFixture;
import dev.leakproof.connectors.stripe.testutils.StripeSyncProcess;
import dev.leakproof.connectors.sync.RunRecord;
import dev.leakproof.connectors.sync.SyncStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A usage sync killed with SIGKILL while it streams meter events: the rerun replays what the
 * killed run journaled (Stripe drops the events it already has) and sends the rest, and Stripe's
 * summaries end equal to the warehouse.
 */
class KilledUsageSyncIT {

  @Test
  void aRunKilledMidStreamAndRunAgainLeavesStripeEqualToTheWarehouse(@TempDir Path dir) throws Exception {
    Path warehouse = dir.resolve("w.duckdb");
    // 2,000 events/s on the stream: 6,000 events take three seconds, long enough to kill the run inside
    try (StripeEmulator stripe = StripeEmulator.start(EmulatorConfig.defaults().withRateLimits(100, 1000, 2000)
        .withSummaryDelay(Duration.ofMillis(100)))) {
      try (BillingFixture f = new BillingFixture(stripe, "jdbc:duckdb:" + warehouse, false).withAccounts(100)) {
        LocalDate yesterday = f.today().minusDays(1);
        StringBuilder rows = new StringBuilder();
        for (int a = 1; a <= 100; a++) {
          String account = String.format("ACC-%05d", a);
          for (int d = 0; d < 30; d++) {
            for (String metric : new String[] {"api_calls", "emails_sent"}) {
              LocalDate day = yesterday.minusDays(d);
              rows.append(rows.length() == 0 ? "" : ", ").append("('").append(account).append('|').append(metric)
                  .append('|').append(day).append("', '").append(account).append("', '").append(f.customers.get(account))
                  .append("', '").append(metric).append("', DATE '").append(day).append("', ").append(a * 100 + d)
                  .append(", 0.002, 'USD')");
            }
          }
        }
        f.sql("INSERT INTO billing_usage VALUES " + rows);
      }
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), StripeSyncProcess.class.getName(), warehouse.toString(),
          stripe.baseUri().toString(), stripe.secretKey())
          .redirectErrorStream(true).redirectOutput(dir.resolve("sync.log").toFile());
      Process sync = pb.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (stripe.acceptedStreamEvents().events() < 2_500 && System.nanoTime() < deadline && sync.isAlive()) {
        Thread.sleep(5);
      }
      assertThat(sync.isAlive()).as("still streaming; log %s", dir.resolve("sync.log")).isTrue();
      sync.destroyForcibly();
      assertThat(sync.waitFor(10, TimeUnit.SECONDS)).isTrue();
      long sentBeforeKill = stripe.acceptedStreamEvents().events();
      assertThat(sentBeforeKill).isBetween(2_500L, 5_999L);

      try (BillingFixture f = new BillingFixture(stripe, "jdbc:duckdb:" + warehouse, false)) {
        f.settings.put("usage.transport", "v2");
        f.settings.put("rate.basic-per-second", "100");
        f.settings.put("rate.stream-events-per-second", "2000");
        RunRecord rerun = f.sync(BillingFixture.usageSync(1000));
        assertThat(rerun.status()).isEqualTo("SUCCEEDED");
        assertThat(f.events).anyMatch(e -> e.startsWith("reconciled"));
        f.billedByKey().forEach((key, v) -> assertThat(v[1]).as(key).isEqualTo(v[0]));
        assertThat(stripe.meterEventCount()).as("one event per row").isEqualTo(6_000);
        Map<String, UsageState> states = new LinkedHashMap<>();
        new SyncStore(f.db).ledger("stripe_usage").forEach((k, e) -> states.put(k, UsageState.parse(e.destinationState())));
        try (StripeDestination d = f.destination()) {
          UsageReconciler.Result r = new UsageReconciler(d, Duration.ofSeconds(10), RetryPolicy.Sleeper.REAL)
              .reconcile(f.db, "billing_usage", states, "after-kill");
          assertThat(r.captureRatePct()).isEqualByComparingTo("100.00");
          assertThat(r.gaps()).isEmpty();
        }
      }
    }
  }
}
