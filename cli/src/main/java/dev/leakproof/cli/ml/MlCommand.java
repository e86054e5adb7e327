package dev.leakproof.cli.ml;

import picocli.CommandLine.Command;

/** {@code leakproof ml}: the learned signals (anomaly score, leakage-risk forecast). */
@Command(name = "ml", mixinStandardHelpOptions = true,
    description = {"Learned signals beside the rules: an anomaly score per contract-month (an isolation forest "
        + "over the feature mart ml_contract_month_features) and a leakage-risk forecast per account (XGBoost over "
        + "ml_account_features): the probability of a confirmed finding in the next quarter.",
        "train: fit both on generated history (--seeds) or on a warehouse's own history; score: score a built "
        + "warehouse; evaluate: train on some seeds, measure on others the model never saw."},
    subcommands = {MlTrainCommand.class, MlScoreCommand.class, MlEvaluateCommand.class})
public final class MlCommand {}
