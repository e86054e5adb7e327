package dev.leakproof.ml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The leakage-risk forecast: gradient-boosted trees (XGBoost, binary logistic) giving the
 * probability that an account has a confirmed finding in the next quarter, with each feature's
 * contribution to an account's log-odds (XGBoost's SHAP values, {@code predictContrib}). One
 * thread and a fixed seed make training repeatable.
 */
public final class RiskModel {

  /** The boosting settings recorded in the model file. */
  public record Settings(int rounds, int maxDepth, double eta, double subsample, double minChildWeight, long seed) {
    public Settings {
      if (rounds < 1 || rounds > 5000) {
        throw new IllegalArgumentException("Invalid rounds: " + rounds + " (must be between 1 and 5000)");
      }
      if (maxDepth < 1 || maxDepth > 16) {
        throw new IllegalArgumentException("Invalid max depth: " + maxDepth + " (must be between 1 and 16)");
      }
      if (!(eta > 0 && eta <= 1)) {
        throw new IllegalArgumentException("Invalid eta: " + eta + " (must be in (0, 1])");
      }
      if (!(subsample > 0 && subsample <= 1)) {
        throw new IllegalArgumentException("Invalid subsample: " + subsample + " (must be in (0, 1])");
      }
    }

    /**
     * 200 rounds of depth-4 trees at rate 0.05: the best of five settings on a validation split of
     * the training seeds (train 1..3, validate on 4; the test seeds were not used to choose).
     */
    public static Settings defaults(long seed) {
      return new Settings(200, 4, 0.05, 0.8, 1, seed);
    }

    Map<String, Object> params() {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("objective", "binary:logistic");
      p.put("eval_metric", "logloss");
      p.put("tree_method", "hist");
      p.put("max_depth", maxDepth);
      p.put("eta", eta);
      p.put("subsample", subsample);
      p.put("min_child_weight", minChildWeight);
      p.put("seed", seed);
      p.put("nthread", 1);
      p.put("verbosity", 0);
      return p;
    }
  }

  private final List<String> features;
  private final byte[] booster;
  private final Settings settings;

  public RiskModel(List<String> features, byte[] booster, Settings settings) {
    this.features = List.copyOf(features);
    this.booster = booster.clone();
    this.settings = settings;
  }

  /**
   * Trains on rows of features with their outcome.
   *
   * @throws IllegalArgumentException when there are no rows, or one class has none
   */
  public static RiskModel train(List<String> features, double[][] rows, boolean[] outcome, Settings settings) {
    long positives = 0;
    for (boolean b : outcome) {
      if (b) {
        positives++;
      }
    }
    if (rows.length == 0 || positives == 0 || positives == rows.length) {
      throw new IllegalArgumentException("Cannot train the risk model: " + rows.length + " rows, " + positives
          + " with a finding (both outcomes are needed)");
    }
    try {
      DMatrix train = matrix(rows, features.size());
      try {
        float[] labels = new float[outcome.length];
        for (int i = 0; i < outcome.length; i++) {
          labels[i] = outcome[i] ? 1f : 0f;
        }
        train.setLabel(labels);
        Booster b = XGBoost.train(train, settings.params(), settings.rounds(), Map.of(), null, null);
        try {
          return new RiskModel(features, b.toByteArray("ubj"), settings);
        } finally {
          b.dispose();
        }
      } finally {
        train.dispose();
      }
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed to train: " + e.getMessage(), e);
    }
  }

  /** The probability of a finding in the next quarter, per row. */
  public double[] predict(double[][] rows) {
    return run(rows, false).probabilities;
  }

  /**
   * Per row, each feature's contribution to the log-odds, then the bias in the last column; they
   * add up to the logit of the row's probability.
   */
  public double[][] contributions(double[][] rows) {
    return run(rows, true).contributions;
  }

  private record Run(double[] probabilities, double[][] contributions) {}

  private Run run(double[][] rows, boolean contrib) {
    if (rows.length == 0) {
      return new Run(new double[0], new double[0][]);
    }
    try {
      Booster b = XGBoost.loadModel(booster);
      DMatrix m = matrix(rows, features.size());
      try {
        if (contrib) {
          float[][] c = b.predictContrib(m, 0);
          double[][] out = new double[c.length][];
          for (int i = 0; i < c.length; i++) {
            out[i] = new double[c[i].length];
            for (int j = 0; j < c[i].length; j++) {
              out[i][j] = c[i][j];
            }
          }
          return new Run(null, out);
        }
        float[][] p = b.predict(m);
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
          out[i] = p[i][0];
        }
        return new Run(out, null);
      } finally {
        m.dispose();
        b.dispose();
      }
    } catch (XGBoostError | java.io.IOException e) {
      throw new IllegalStateException("XGBoost failed to predict: " + e.getMessage(), e);
    }
  }

  private static DMatrix matrix(double[][] rows, int width) throws XGBoostError {
    float[] flat = new float[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != width) {
        throw new IllegalArgumentException("Row " + i + " has " + rows[i].length + " values where " + width
            + " features expected");
      }
      for (int j = 0; j < width; j++) {
        flat[i * width + j] = (float) rows[i][j];
      }
    }
    return new DMatrix(flat, rows.length, width, Float.NaN);
  }

  public List<String> features() {
    return features;
  }

  public byte[] booster() {
    return booster.clone();
  }

  public Settings settings() {
    return settings;
  }
}
