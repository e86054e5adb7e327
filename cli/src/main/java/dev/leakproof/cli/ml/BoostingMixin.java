package dev.leakproof.cli.ml;

import dev.leakproof.ml.RiskModel;
import picocli.CommandLine.Option;

/** The forecast's boosting settings, for `ml train` and `ml evaluate`. */
final class BoostingMixin {

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

  RiskModel.Settings settings(long seed) {
    return new RiskModel.Settings(rounds, maxDepth, eta, RiskModel.Settings.defaults(seed).subsample(),
        minChildWeight, seed);
  }
}
