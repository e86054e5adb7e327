package dev.leakproof.cli.renewals;

import picocli.CommandLine.Command;

/** {@code leakproof renewals}: the T-60 and T-30 steps of the renewal workflow. */
@Command(name = "renewals", mixinStandardHelpOptions = true,
    description = {"The renewal workflow of the mart renewal_pipeline (unsigned renewals in T-90 / T-60 / T-30 "
        + "lanes, built by models run for the day): T-90 is the sync salesforce_renewals (the renewal amount with "
        + "uplift staged in the CRM); T-60 queues the CSM's renewal email (drafts); T-30 alerts on a webhook "
        + "(alert), and salesforce_renewals sets the CRM renewal status to At Risk.",
        "Each renewal is notified once per step: a ledger in the warehouse (leakproof_sync.notifications) makes "
        + "re-runs and backfills safe."},
    subcommands = {DraftsCommand.class, AlertCommand.class})
public final class RenewalsCommand implements Runnable {

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
