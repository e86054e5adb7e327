package dev.leakproof.cli.ml;

import dev.leakproof.ml.AnomalyModel;
import dev.leakproof.ml.RiskModel;
import picocli.CommandLine.Option;

/** The models' settings, for `ml train` and `ml evaluate`. */
final class TrainingMixin {

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "The models' random seed "
      + "(default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threshold", defaultValue = "95", paramLabel = "P", description = "Anomaly threshold: the "
      + "percentile of the training months' scores above which a month is flagged (default: ${DEFAULT-VALUE}).")
  double threshold;


  @Option(names = "--rounds", defaultValue = "200", paramLabel = "N",
      description = "Boosting rounds of the forecast (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--max-depth", defaultValue = "4", paramLabel = "D",
      description = "Depth of each tree of the forecast (default: ${DEFAULT-VALUE}).")
  int maxDepth;

  @Option(names = "--eta", defaultValue = "0.05", paramLabel = "E",
      description = "Learning rate of the forecast (default: ${DEFAULT-VALUE}).")
  double eta;

  @Option(names = "--min-child-weight", defaultValue = "1", paramLabel = "W",
      description = "Smallest hessian sum in a leaf of the forecast (default: ${DEFAULT-VALUE}).")
  double minChildWeight;

  AnomalyModel.Settings anomaly() {
    AnomalyModel.Settings d = AnomalyModel.Settings.defaults(seed);
    return new AnomalyModel.Settings(d.trees(), d.sampleSize(), seed, threshold);
  }

  RiskModel.Settings risk() {
    return new RiskModel.Settings(rounds, maxDepth, eta, RiskModel.Settings.defaults(seed).subsample(),
        minChildWeight, seed);
  }
}
