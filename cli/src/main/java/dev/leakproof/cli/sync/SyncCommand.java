package dev.leakproof.cli.sync;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code leakproof sync}: reverse-ETL of the models to the CRM and billing. */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = {"Reverse-ETL: sends model rows to a destination (Salesforce) as declared in syncs/*.yml.",
        "Each run diffs the model against the ledger of what the destination confirmed (plan), stores the plan, "
            + "then sends only what changed (apply); rejected rows are kept with their reason and sent again next run.",
        "Exit codes: 0 done, 1 stopped (permanent fault; see sync status), 2 bad usage or settings, "
            + "3 refused by a guardrail (nothing sent), 4 done with rejected rows."},
    subcommands = {SyncListCommand.class, SyncPlanCommand.class, SyncApplyCommand.class, SyncStatusCommand.class,
        SyncResetCommand.class, SyncConfigCommand.class})
public final class SyncCommand implements Runnable {

  /** Exit code of a plan a guardrail refused. */
  static final int REFUSED = 3;
  /** Exit code of a run that finished with rejected or unprocessed rows. */
  static final int PARTIAL = 4;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
