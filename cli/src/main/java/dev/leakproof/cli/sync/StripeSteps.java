package dev.leakproof.cli.sync;

import dev.leakproof.cli.support.Console;
import dev.leakproof.connectors.api.Destination;
import dev.leakproof.connectors.api.RetryPolicy;
import dev.leakproof.connectors.stripe.StripeDestination;
import dev.leakproof.connectors.stripe.UsageCheck;
import dev.leakproof.connectors.stripe.UsageReconciler;
import dev.leakproof.connectors.stripe.UsageState;
import dev.leakproof.connectors.sync.LedgerEntry;
import dev.leakproof.connectors.sync.SyncSpec;
import dev.leakproof.connectors.sync.SyncStore;
import dev.leakproof.sql.warehouse.Warehouse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a Stripe sync does around the engine: check the mapping before, reconcile after. */
public final class StripeSteps {

  private StripeSteps() {}

  /**
   * The mapping problems of a Stripe sync's model (empty: nothing stops it); other syncs have none.
   */
  public static List<String> problems(Warehouse warehouse, SyncSpec spec, Destination destination) throws Exception {
    if (!(destination instanceof StripeDestination stripe)) {
      return List.of();
    }
    boolean usage = spec.object().equals(StripeDestination.METER_EVENTS);
    return UsageCheck.problems(warehouse.connection(), warehouse.defaultSchema() + "." + spec.model(),
        usage ? "metric" : null, stripe);
  }

  /** After a usage sync: reads Stripe's summaries back and prints the capture rate and gaps. */
  public static UsageReconciler.Result reconcile(Console console, Warehouse warehouse, SyncSpec spec,
      Destination destination, Duration settle, String runId) throws Exception {
    if (!(destination instanceof StripeDestination stripe) || !spec.object().equals(StripeDestination.METER_EVENTS)) {
      return null;
    }
    Map<String, UsageState> states = new LinkedHashMap<>();
    for (LedgerEntry e : new SyncStore(warehouse.connection()).ledger(spec.name()).values()) {
      states.put(e.key(), UsageState.parse(e.destinationState()));
    }
    UsageReconciler.Result r = new UsageReconciler(stripe, settle, RetryPolicy.Sleeper.REAL)
        .reconcile(warehouse.connection(), warehouse.defaultSchema() + "." + spec.model(), states, runId);
    console.line(String.format(Locale.ROOT, "%s: reconciled %,d usage rows with Stripe's meter event summaries "
        + "(%,d requests): %,d units metered, %,d billed, capture rate %s%%; %,d rows with a gap%s", spec.name(),
        r.rows(), r.summaryRequests(), r.meteredUnits(), r.billedUnits(), r.captureRatePct().toPlainString(),
        r.gaps().size(), r.gaps().isEmpty() ? "" : " (leakproof_sync.billing_gap_findings)"));
    r.gaps().stream().limit(10).forEach(g -> console.line(String.format(Locale.ROOT, "  gap %-34s warehouse %,d, "
        + "meter %,d, invoiced %,d: %+,d units", g.usageKey(), g.warehouseUnits(), g.meteredUnits(), g.invoicedUnits(),
        g.gap())));
    return r;
  }
}
