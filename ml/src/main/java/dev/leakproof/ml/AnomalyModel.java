package dev.leakproof.ml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The anomaly score of a contract-month: an isolation forest over robustly scaled features, its
 * raw score turned into a 0-100 percentile of the scores the training months got (97 = more
 * anomalous than 97% of them), and the features that drove a score, found by putting one feature
 * at a time back to its training median and seeing how much the score falls.
 */
public final class AnomalyModel {

  /** How the forest is grown, and the score above which a month is an anomaly. */
  public record Settings(int trees, int sampleSize, long seed, double threshold) {
    public Settings {
      if (trees < 1 || trees > 10_000) {
        throw new IllegalArgumentException("Invalid trees: " + trees + " (must be between 1 and 10000)");
      }
      if (sampleSize < 2) {
        throw new IllegalArgumentException("Invalid sample size: " + sampleSize + " (must be at least 2)");
      }
      if (!(threshold >= 0 && threshold < 100)) {
        throw new IllegalArgumentException("Invalid anomaly threshold: " + threshold + " (a percentile, 0 to 100)");
      }
    }

    /** 200 trees of 256 rows (the paper's defaults), the 95th percentile as threshold. */
    public static Settings defaults(long seed) {
      return new Settings(200, 256, seed, 95);
    }
  }

  /** A feature that drove a score: its value, its training median, and how far the score falls without it. */
  public record Driver(String feature, double value, double typical, double effect) {}

  private static final int CALIBRATION_POINTS = 1001;

  private final List<String> features;
  private final RobustScaler scaler;
  private final IsolationForest forest;
  private final double[] calibration;
  private final double threshold;

  public AnomalyModel(List<String> features, RobustScaler scaler, IsolationForest forest, double[] calibration,
      double threshold) {
    if (scaler.median().length != features.size()) {
      throw new IllegalArgumentException("The scaler has " + scaler.median().length + " features, the model "
          + features.size());
    }
    this.features = List.copyOf(features);
    this.scaler = scaler;
    this.forest = forest;
    this.calibration = calibration.clone();
    this.threshold = threshold;
  }

  /** Fits the scaler and the forest on the rows and calibrates the 0-100 scale on them. */
  public static AnomalyModel train(List<String> features, double[][] rows, Settings settings) {
    return train(features, new int[features.size()], rows, settings);
  }

  /**
   * @param direction per feature, {@link RobustScaler#UP}, {@link RobustScaler#DOWN} or
   *     {@link RobustScaler#BOTH}: which side of the median is unusual
   */
  public static AnomalyModel train(List<String> features, int[] direction, double[][] rows, Settings settings) {
    if (rows.length < 2) {
      throw new IllegalArgumentException("Cannot train the anomaly model on " + rows.length + " rows (need 2)");
    }
    RobustScaler scaler = RobustScaler.fit(rows, direction);
    double[][] scaled = scaler.transform(rows);
    IsolationForest forest = IsolationForest.fit(scaled, settings.trees(), settings.sampleSize(), settings.seed());
    double[] raw = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      raw[i] = forest.score(scaled[i]);
    }
    Arrays.sort(raw);
    double[] calibration = new double[CALIBRATION_POINTS];
    for (int k = 0; k < CALIBRATION_POINTS; k++) {
      calibration[k] = RobustScaler.quantile(raw, k / (double) (CALIBRATION_POINTS - 1));
    }
    return new AnomalyModel(features, scaler, forest, calibration, settings.threshold());
  }

  /** The forest's raw score in (0, 1]. */
  public double raw(double[] row) {
    return forest.score(scaler.transform(row));
  }

  /** The score 0-100: the share of training months scoring lower, to 0.1. */
  public double score(double[] row) {
    return percentile(raw(row));
  }

  public boolean anomalous(double score) {
    return score > threshold;
  }

  double percentile(double raw) {
    if (raw <= calibration[0]) {
      return 0;
    }
    int last = calibration.length - 1;
    if (raw >= calibration[last]) {
      return 100;
    }
    int lo = 0;
    int hi = last;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (calibration[mid] <= raw) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double width = calibration[hi] - calibration[lo];
    double frac = width > 0 ? (raw - calibration[lo]) / width : 0;
    double p = 100.0 * (lo + frac) / last;
    return Math.round(p * 10) / 10.0;
  }

  /** The at most {@code k} features whose return to their training median lowers the score most. */
  public List<Driver> drivers(double[] row, int k) {
    double base = raw(row);
    double[] median = scaler.median();
    List<Driver> drivers = new ArrayList<>();
    double[] probe = row.clone();
    for (int f = 0; f < row.length; f++) {
      if (row[f] == median[f]) {
        continue;
      }
      probe[f] = median[f];
      double effect = base - raw(probe);
      probe[f] = row[f];
      if (effect > 0) {
        drivers.add(new Driver(features.get(f), row[f], median[f], effect));
      }
    }
    drivers.sort(Comparator.comparingDouble(Driver::effect).reversed());
    return drivers.size() > k ? List.copyOf(drivers.subList(0, k)) : List.copyOf(drivers);
  }

  public List<String> features() {
    return features;
  }

  public RobustScaler scaler() {
    return scaler;
  }

  public IsolationForest forest() {
    return forest;
  }

  public double[] calibration() {
    return calibration.clone();
  }

  public double threshold() {
    return threshold;
  }

  /** The same model with another threshold. */
  public AnomalyModel withThreshold(double percentile) {
    if (!(percentile >= 0 && percentile < 100)) {
      throw new IllegalArgumentException("Invalid anomaly threshold: " + percentile + " (a percentile, 0 to 100)");
    }
    return new AnomalyModel(features, scaler, forest, calibration, percentile);
  }
}
