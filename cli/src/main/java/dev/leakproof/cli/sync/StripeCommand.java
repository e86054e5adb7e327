package dev.leakproof.cli.sync;

import dev.leakproof.cli.support.Console;
import dev.leakproof.cli.support.UsageException;
import dev.leakproof.connectors.stripe.CustomerMapper;
import dev.leakproof.connectors.stripe.StripeDestination;
import dev.leakproof.connectors.sync.SyncSpec;
import dev.leakproof.sql.warehouse.Warehouse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code leakproof stripe}: the account-to-customer map and the billing reconciliation. */
@Command(name = "stripe", mixinStandardHelpOptions = true,
    description = "Stripe's side of billing: which customer bills each account, and whether Stripe bills what the "
        + "warehouse metered.",
    subcommands = {StripeCommand.Map.class, StripeCommand.Reconcile.class})
public final class StripeCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code leakproof stripe map}. */
  @Command(name = "map", mixinStandardHelpOptions = true,
      description = {"Writes stripe.customers (account to Stripe customer) from the customers' metadata "
          + "leakproof_account_id in Stripe, and checks the configured meters.",
          "Rebuild the billing models afterwards (leakproof models run -s billing_usage+ billing_true_ups+)."})
  static final class Map implements Callable<Integer> {
    @Mixin
    SyncOptions options;

    @Option(names = "--create-missing", description = "Create the customers and meters Stripe does not have "
        + "(a test-mode account, a new set of accounts).")
    boolean createMissing;

    @Override
    public Integer call() throws Exception {
      try (Warehouse warehouse = options.openWarehouse();
          StripeDestination stripe = StripeDestination.connect(options.destinations().stripe())) {
        CustomerMapper.Result r = CustomerMapper.map(warehouse.connection(), warehouse.defaultSchema()
            + ".stg_crm__accounts", stripe, createMissing ? CustomerMapper.Missing.CREATE : CustomerMapper.Missing.REPORT);
        System.out.printf(Locale.ROOT, "stripe.customers: %,d of %,d accounts mapped (%,d customers created, %,d "
            + "without a customer); %,d meters created%n", r.mapped(), r.accounts(), r.created(), r.unmapped(),
            r.metersCreated());
        return r.unmapped() == 0 ? 0 : SyncCommand.PARTIAL;
      }
    }
  }

  /** {@code leakproof stripe reconcile}. */
  @Command(name = "reconcile", mixinStandardHelpOptions = true,
      description = "Reads Stripe's meter event summaries back and compares them with the billing model, per "
          + "customer, meter and day: the capture rate, and every gap as a billing_gap finding.")
  static final class Reconcile implements Callable<Integer> {
    @Mixin
    SyncOptions options;

    @CommandLine.Parameters(paramLabel = "NAME", defaultValue = "stripe_usage", description = "The usage sync.")
    String name;

    @Option(names = "--settle", defaultValue = "PT30S", paramLabel = "DURATION",
        description = "How long to wait for Stripe's summaries to catch up (default: PT30S).")
    Duration settle;

    @Override
    public Integer call() throws Exception {
      SyncSpec spec = options.spec(name);
      if (!spec.object().equals(StripeDestination.METER_EVENTS)) {
        throw new UsageException("Invalid sync: " + name + " does not send meter events");
      }
      try (Warehouse warehouse = options.openWarehouse();
          StripeDestination stripe = StripeDestination.connect(options.destinations().stripe())) {
        var r = StripeSteps.reconcile(Console.stdout(), warehouse, spec, stripe, settle, "reconcile-"
            + java.time.Instant.now().getEpochSecond());
        return r.gaps().isEmpty() ? 0 : SyncCommand.PARTIAL;
      }
    }
  }
}
