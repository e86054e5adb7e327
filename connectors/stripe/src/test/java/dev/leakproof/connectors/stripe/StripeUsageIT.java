package dev.leakproof.connectors.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.connectors.api.RetryPolicy;
import dev.leakproof.connectors.stripe.emulator.Faults;
import dev.leakproof.connectors.stripe.emulator.InvoiceItemSnapshot;
import dev.leakproof.connectors.stripe.testutils.BillingFixture;
import dev.leakproof.connectors.sync.RunRecord;
import dev.leakproof.connectors.sync.SyncStore;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Usage synced to the emulated Stripe account: billed exactly once, deltas, cancels, credits, faults. */
class StripeUsageIT {

  private BillingFixture f;
  private LocalDate yesterday;

  @BeforeEach
  void start() throws Exception {
    f = BillingFixture.start().withAccounts(3);
    yesterday = f.today().minusDays(1);
    for (int a = 1; a <= 3; a++) {
      for (int d = 1; d <= 4; d++) {
        f.usage(String.format("ACC-%05d", a), "api_calls", yesterday.minusDays(d - 1), 1000L * a + d);
        f.usage(String.format("ACC-%05d", a), "emails_sent", yesterday.minusDays(d - 1), 10L * a + d);
      }
    }
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  private void assertStripeBillsTheWarehouse() throws Exception {
    f.billedByKey().forEach((key, v) -> assertThat(v[1]).as("Stripe's meter for %s", key).isEqualTo(v[0]));
  }

  @Test
  void aDaysUsageSyncedTwiceBillsOnce() throws Exception {
    RunRecord first = f.sync();
    assertThat(first.status()).isEqualTo("SUCCEEDED");
    assertThat(first.confirmed()).isEqualTo(24);
    assertStripeBillsTheWarehouse();
    long events = f.stripe.meterEventCount();

    assertThat(f.sync().unchanged()).isEqualTo(24);
    assertThat(f.stripe.meterEventCount()).isEqualTo(events);

    // even a sync that forgot everything it sent bills nothing twice: the identifiers are the same
    new SyncStore(f.db).reset("stripe_usage");
    RunRecord again = f.sync();
    assertThat(again.creates()).isEqualTo(24);
    assertStripeBillsTheWarehouse();
    assertThat(f.stripe.meterEventCount()).isEqualTo(events);
  }

  @Test
  void aLateEventAddsExactlyItsDelta() throws Exception {
    f.sync();
    f.usage("ACC-00002", "api_calls", yesterday, 2001 + 120);
    RunRecord run = f.sync();
    assertThat(run.updates()).isEqualTo(1);
    assertThat(f.stripe.meterEvents()).filteredOn(e -> e.identifier().equals("lp:ACC-00002:api_calls:" + yesterday
        + ":r2")).singleElement().satisfies(e -> assertThat(e.value()).isEqualTo(120));
    assertStripeBillsTheWarehouse();
  }

  @Test
  void aCorrectionWithin24HoursCancelsAndResends() throws Exception {
    f.sync();
    f.stripe.advanceClock(Duration.ofHours(5));
    f.usage("ACC-00003", "emails_sent", yesterday, 20);
    f.sync();
    assertThat(f.stripe.meterEventAdjustments()).hasSize(1);
    assertThat(f.stripe.meterEvents()).filteredOn(e -> e.identifier().startsWith("lp:ACC-00003:emails_sent:"
        + yesterday)).extracting(e -> e.identifier() + "=" + e.value() + (e.cancelled() ? " cancelled" : ""))
        .containsExactlyInAnyOrder("lp:ACC-00003:emails_sent:" + yesterday + ":r1=31 cancelled",
            "lp:ACC-00003:emails_sent:" + yesterday + ":r2=20");
    assertStripeBillsTheWarehouse();
    assertThat(f.stripe.invoiceItems()).isEmpty();
  }

  @Test
  void aCorrectionAfter24HoursBecomesACreditItemWithTheEvidence() throws Exception {
    f.sync();
    f.stripe.advanceClock(Duration.ofHours(25));
    f.usage("ACC-00001", "api_calls", yesterday, 1001 - 300);
    RunRecord run = f.sync();
    assertThat(run.status()).isEqualTo("SUCCEEDED");
    assertThat(f.stripe.meterEventAdjustments()).isEmpty();
    assertThat(f.stripe.invoiceItems()).singleElement().satisfies(i -> {
      assertThat(i.customerId()).isEqualTo(f.customers.get("ACC-00001"));
      assertThat(i.amount()).isEqualTo(-60);
      assertThat(i.currency()).isEqualTo("usd");
      assertThat(i.description()).isEqualTo("Credit: api_calls usage on " + yesterday + " corrected from 1,001 to "
          + "701 units after Stripe's 24-hour cancel window: -300 units x 0.002 USD = -0.60 USD (Leakproof usage "
          + "ACC-00001|api_calls|" + yesterday + ", revision 2)");
    });
    // the meter still bills 1,001; the credit takes 300 off
    assertThat(f.stripe.summedUsage(f.customers.get("ACC-00001"), "api_calls", yesterday)).isEqualTo(1001);
    assertThat(f.sync().unchanged()).isEqualTo(24);
    assertThat(f.stripe.invoiceItems()).hasSize(1);
  }

  @Test
  void daysPastThe35DayWindowAreInvoiced() throws Exception {
    LocalDate old = f.today().minusDays(40);
    f.usage("ACC-00002", "api_calls", old, 5000);
    f.sync();
    assertThat(f.stripe.meterEvents()).noneMatch(e -> e.identifier().contains(old.toString()));
    assertThat(f.stripe.invoiceItems()).extracting(InvoiceItemSnapshot::amount).containsExactly(1000L);
  }

  @Test
  void stormsOf429SlowTheRunButLoseNothing() throws Exception {
    f.stripe.faults().rateLimitStorm(Duration.ofMillis(2500), Faults.ALL, 1);
    RunRecord run = f.sync();
    assertThat(run.status()).isEqualTo("SUCCEEDED");
    assertThat(f.waits).contains(Duration.ofSeconds(1));
    assertStripeBillsTheWarehouse();
  }

  @Test
  void serverErrorsAndTimeoutsAreRetriedWithTheSameIdempotencyKey() throws Exception {
    f.settings.put("usage.transport", "v1");
    f.stripe.faults().serverErrors(3, "/v1/billing/meter_events");
    f.stripe.faults().timeouts(2, "/v1/billing/meter_events", Faults.TimeoutMode.DROP, Duration.ZERO);
    RunRecord run = f.sync();
    assertThat(run.status()).isEqualTo("SUCCEEDED");
    assertStripeBillsTheWarehouse();
    assertThat(f.stripe.meterEventCount()).isEqualTo(24);
  }

  @Test
  void theStreamRenewsItsSessionAndTheV1PathGivesTheSameResult() throws Exception {
    f.settings.put("usage.transport", "v2");
    f.sync(BillingFixture.usageSync(6));
    assertThat(f.stripe.acceptedStreamEvents().events()).isEqualTo(24);
    f.stripe.advanceClock(Duration.ofMinutes(16));
    f.usage("ACC-00001", "api_calls", yesterday, 5000);
    f.sync();
    assertStripeBillsTheWarehouse();
  }

  @Test
  void reconciliationReportsTheCaptureRateAndEveryGap() throws Exception {
    f.sync();
    Map<String, UsageState> states = states();
    try (StripeDestination d = f.destination()) {
      UsageReconciler.Result ok = new UsageReconciler(d, Duration.ofSeconds(5), RetryPolicy.Sleeper.REAL)
          .reconcile(f.db, "billing_usage", states, "r1");
      assertThat(ok.captureRatePct()).isEqualByComparingTo("100.00");
      assertThat(ok.rows()).isEqualTo(24);
      assertThat(ok.gaps()).isEmpty();

      f.usage("ACC-00003", "api_calls", yesterday, 3001 + 999);
      UsageReconciler.Result gap = new UsageReconciler(d, Duration.ofMillis(300), RetryPolicy.Sleeper.REAL)
          .reconcile(f.db, "billing_usage", states, "r2");
      assertThat(gap.gaps()).singleElement().satisfies(l -> assertThat(l.gap()).isEqualTo(999));
      assertThat(f.query("SELECT leak_type, kind, account_id, metric, amount FROM leakproof_sync.billing_gap_findings"))
          .containsExactly("billing_gap|leakage|ACC-00003|api_calls|2.00");
    }
  }

  @Test
  void anUnmappedAccountOrMetricStopsTheSyncBeforeAnythingIsSent() throws Exception {
    f.usage("ACC-00009", "api_calls", yesterday, 10);
    f.sql("INSERT INTO billing_usage VALUES ('ACC-00001|storage_gb|" + yesterday + "', 'ACC-00001', '"
        + f.customers.get("ACC-00001") + "', 'storage_gb', DATE '" + yesterday + "', 5, 0.1, 'USD')");
    f.sql("INSERT INTO billing_usage VALUES ('ACC-00002|api_calls|x', 'ACC-00002', 'cus_gone', 'api_calls', DATE '"
        + yesterday + "', 5, 0.1, 'USD')");
    try (StripeDestination d = f.destination()) {
      assertThat(UsageCheck.problems(f.db, "billing_usage", "metric", d)).containsExactly(
          "metric storage_gb: no billing meter configured (stripe.meters.storage_gb, or none)",
          "ACC-00002: Stripe customer cus_gone does not exist",
          "ACC-00009: no Stripe customer (map it in stripe.customers: leakproof stripe map)");
    }
  }

  private Map<String, UsageState> states() throws Exception {
    Map<String, UsageState> out = new LinkedHashMap<>();
    new SyncStore(f.db).ledger("stripe_usage").forEach((k, e) -> out.put(k, UsageState.parse(e.destinationState())));
    return out;
  }
}
