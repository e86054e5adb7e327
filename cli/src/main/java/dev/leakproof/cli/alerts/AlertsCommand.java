package dev.leakproof.cli.alerts;

import picocli.CommandLine.Command;

/** {@code leakproof alerts}: usage threshold events and metering lag, listed or notified once. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = "Usage signals as they happen: the threshold events the ingestion raised (an account's usage of a "
        + "metric reaching 50%%, 90%%, 100%%, ... of its plan limit in a month), listed, or notified once each on a "
        + "Slack-compatible webhook.",
    subcommands = {AlertsListCommand.class, AlertsSendCommand.class})
public final class AlertsCommand {}
