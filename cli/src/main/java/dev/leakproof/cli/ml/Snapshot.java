package dev.leakproof.cli.ml;

import java.time.LocalDate;
import java.util.List;

/**
 * What one dataset teaches the models: its contract-months with their anomaly features (and, on
 * generated data, the leak shape each is labelled with), whether a rule finding already covers each,
 * and its accounts as they looked at earlier as-of dates with what happened in the quarter after.
 *
 * @param name where it came from (a dataset folder or a warehouse)
 * @param asOf the as-of date the outcomes are known at
 */
record Snapshot(String name, LocalDate asOf, List<String> anomalyFeatures, List<Month> months,
    List<String> riskFeatures, List<AccountQuarter> accounts) {

  /**
   * @param shape the labelled leak shape of the month, null when it has none (or no labels exist)
   * @param ruleFinding whether a rule finding of kind leakage or dispute_risk covers the month
   */
  record Month(MlFeatures.ContractMonth row, String shape, boolean ruleFinding) {}

  /**
   * An account seen at {@code featuresAsOf}, whether it had a confirmed finding in the quarter that
   * followed, and the baseline's view: its findings in the quarter before.
   */
  record AccountQuarter(LocalDate featuresAsOf, MlFeatures.Account row, boolean outcome, double baseline) {}
}
