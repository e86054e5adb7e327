package dev.leakproof.connectors.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.connectors.api.RetryPolicy;
import dev.leakproof.connectors.stripe.emulator.InvoiceItemSnapshot;
import dev.leakproof.connectors.stripe.testutils.BillingFixture;
import dev.leakproof.connectors.sync.RunRecord;
import dev.leakproof.connectors.sync.SyncSpec;
import dev.leakproof.connectors.sync.SyncStore;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Usage received after its month closed, synced to the emulated Stripe account: each correction
 * record of billing_usage is billed as exactly one invoice item of its overage units, never as
 * meter events of the closed month's days, and a re-run bills nothing more.
 */
class StripeLateUsageIT {

  private static final SyncSpec SYNC = BillingFixture.usageSyncWithCorrections(10_000);
  private static final String EVIDENCE = "Late usage of api_calls for %s, received %s after the month closed on %s: "
      + "+220 units in 2 events (e5, c1); month usage 930.5 -> 1150.5 of 1000 included";

  private BillingFixture f;
  private YearMonth closed;
  private LocalDate lastDay;
  private LocalDate received;

  @BeforeEach
  void start() throws Exception {
    f = BillingFixture.start().withAccounts(2).withCorrectionColumns();
    // the closed month's days, still inside Stripe's 35-day window: metered, with on-time units only
    received = f.today().minusDays(1);
    closed = YearMonth.from(received).minusMonths(1);
    lastDay = closed.atEndOfMonth();
    f.usage("ACC-00001", "api_calls", lastDay.minusDays(1), 600);
    f.usage("ACC-00001", "api_calls", lastDay, 300);
    f.usage("ACC-00002", "api_calls", lastDay, 40);
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  @Test
  void aLateCorrectionIsBilledAsOneInvoiceItemOfExactlyItsDeltaOnce() throws Exception {
    assertThat(f.sync(SYNC).status()).isEqualTo("SUCCEEDED");
    long events = f.stripe.meterEventCount();
    assertThat(events).isEqualTo(3);

    String evidence = String.format(EVIDENCE, closed, received, closed.plusMonths(1).atDay(4));
    String key = f.lateCorrection("ACC-00001", "api_calls", closed, received, 150, "0.0100", evidence);
    RunRecord run = f.sync(SYNC);
    assertThat(run.status()).isEqualTo("SUCCEEDED");
    assertThat(run.creates()).isEqualTo(1);
    assertThat(run.unchanged()).isEqualTo(3);
    // the closed month's days send nothing more through the meter
    assertThat(f.stripe.meterEventCount()).isEqualTo(events);
    assertThat(f.stripe.meterEvents()).noneMatch(e -> e.identifier().contains("late"));
    assertThat(f.stripe.summedUsage(f.customers.get("ACC-00001"), "api_calls", received)).isZero();
    assertThat(f.stripe.invoiceItems()).singleElement().satisfies(i -> {
      assertThat(i.customerId()).isEqualTo(f.customers.get("ACC-00001"));
      assertThat(i.amount()).isEqualTo(150);
      assertThat(i.currency()).isEqualTo("usd");
      assertThat(i.description()).isEqualTo(evidence + ". Billed: 150 overage units x 0.01 USD = 1.50 USD "
          + "(Leakproof usage " + key + ", revision 1)");
      assertThat(i.metadata()).containsEntry("leakproof_key", "lp:ACC-00001:api_calls:late:" + closed + ":"
          + received + ":r1:late");
      assertThat(i.periodStart()).isEqualTo(closed.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
      assertThat(i.periodEnd()).isEqualTo(closed.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    });

    // applying the same rows again bills nothing more, even with a ledger that forgot everything
    assertThat(f.sync(SYNC).unchanged()).isEqualTo(4);
    new SyncStore(f.db).reset("stripe_usage");
    assertThat(f.sync(SYNC).status()).isEqualTo("SUCCEEDED");
    assertThat(f.stripe.invoiceItems()).hasSize(1);
    assertThat(f.stripe.meterEventCount()).isEqualTo(events);

    try (StripeDestination d = f.destination()) {
      UsageReconciler.Result r = new UsageReconciler(d, Duration.ofSeconds(5), RetryPolicy.Sleeper.REAL)
          .reconcile(f.db, "billing_usage", states(), "r1");
      assertThat(r.rows()).isEqualTo(4);
      assertThat(r.gaps()).isEmpty();
      assertThat(r.captureRatePct()).isEqualByComparingTo("100.00");
    }
  }

  @Test
  void aLateCorrectionThatLowersUsageIsACreditAndOneOfNoOverageBillsNothing() throws Exception {
    f.lateCorrection("ACC-00001", "api_calls", closed, received, -20, "0.0100", "Late usage: -20 units");
    f.lateCorrection("ACC-00002", "api_calls", closed, received, 0, "0.0100", "Late usage: +30 units below included");
    RunRecord run = f.sync(SYNC);
    assertThat(run.status()).isEqualTo("SUCCEEDED");
    assertThat(run.confirmed()).isEqualTo(5);
    assertThat(f.stripe.invoiceItems()).extracting(InvoiceItemSnapshot::amount).containsExactly(-20L);
    assertThat(f.stripe.invoiceItems().get(0).description()).startsWith("Late usage: -20 units. Billed: -20 overage "
        + "units x 0.01 USD = -0.20 USD");
    assertThat(f.stripe.meterEventCount()).isEqualTo(3);
  }

  private Map<String, UsageState> states() throws Exception {
    Map<String, UsageState> out = new LinkedHashMap<>();
    new SyncStore(f.db).ledger("stripe_usage").forEach((k, e) -> out.put(k, UsageState.parse(e.destinationState())));
    return out;
  }
}
