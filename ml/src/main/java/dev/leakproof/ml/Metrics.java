package dev.leakproof.ml;

import java.util.Arrays;
import java.util.Comparator;

/** Ranking and calibration metrics of scores against 0/1 labels, exact with ties. */
public final class Metrics {

  private Metrics() {}

  /**
   * ROC AUC: the probability that a random positive scores above a random negative, ties counting
   * half (the Mann-Whitney statistic). NaN when one class is empty.
   */
  public static double rocAuc(double[] score, boolean[] label) {
    Integer[] order = order(score);
    long positives = count(label);
    long negatives = label.length - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    // average ranks over ties, ascending
    double rankSum = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && score[order[j + 1]] == score[order[i]]) {
        j++;
      }
      double avgRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (label[order[k]]) {
          rankSum += avgRank;
        }
      }
      i = j + 1;
    }
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /**
   * PR AUC as average precision: the mean, over positives, of the precision at the score of each
   * positive, a tied group of scores counted as one step (as scikit-learn's average_precision_score).
   */
  public static double averagePrecision(double[] score, boolean[] label) {
    Integer[] order = order(score);
    long positives = count(label);
    if (positives == 0) {
      return Double.NaN;
    }
    double ap = 0;
    long tp = 0;
    long seen = 0;
    int i = order.length - 1;
    while (i >= 0) {
      int j = i;
      while (j - 1 >= 0 && score[order[j - 1]] == score[order[i]]) {
        j--;
      }
      long tpGroup = 0;
      for (int k = j; k <= i; k++) {
        if (label[order[k]]) {
          tpGroup++;
        }
      }
      seen += i - j + 1;
      tp += tpGroup;
      ap += tpGroup * ((double) tp / seen);
      i = j - 1;
    }
    return ap / positives;
  }

  /** The mean squared difference between probability and outcome. */
  public static double brier(double[] probability, boolean[] label) {
    double total = 0;
    for (int i = 0; i < probability.length; i++) {
      double d = probability[i] - (label[i] ? 1 : 0);
      total += d * d;
    }
    return probability.length == 0 ? Double.NaN : total / probability.length;
  }

  /** Precision and recall of "score above threshold". */
  public record AtThreshold(long truePositives, long falsePositives, long falseNegatives) {
    public double precision() {
      long flagged = truePositives + falsePositives;
      return flagged == 0 ? Double.NaN : (double) truePositives / flagged;
    }

    public double recall() {
      long positives = truePositives + falseNegatives;
      return positives == 0 ? Double.NaN : (double) truePositives / positives;
    }
  }

  public static AtThreshold atThreshold(double[] score, boolean[] label, double threshold) {
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (int i = 0; i < score.length; i++) {
      boolean flagged = score[i] > threshold;
      if (flagged && label[i]) {
        tp++;
      } else if (flagged) {
        fp++;
      } else if (label[i]) {
        fn++;
      }
    }
    return new AtThreshold(tp, fp, fn);
  }

  private static Integer[] order(double[] score) {
    Integer[] order = new Integer[score.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(k -> score[k]));
    return order;
  }

  private static long count(boolean[] label) {
    long n = 0;
    for (boolean b : label) {
      if (b) {
        n++;
      }
    }
    return n;
  }
}
