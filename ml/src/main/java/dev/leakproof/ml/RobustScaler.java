package dev.leakproof.ml;

import java.util.Arrays;

/**
 * Puts features on one scale without letting outliers set it: {@code asinh((x - median) / s)} with
 * s the interquartile range over 1.349 (the standard deviation for normal data), never below a
 * floor, so a feature that is exactly 0 for almost every row (an overage price equal to list) still
 * turns a 1% deviation into a clear step, and asinh keeps a 50% deviation from dwarfing everything.
 * A one-sided feature counts deviations in its direction only: usage growing while seats stay
 * frozen is the shape looked for, usage falling is the usage_decline rule's business.
 */
public record RobustScaler(double[] median, double[] scale, int[] direction) {

  /** Both sides of the median count. */
  public static final int BOTH = 0;
  /** Only values above the median count (a leak can only push the feature up); below is typical. */
  public static final int UP = 1;
  /** Only values below the median count. */
  public static final int DOWN = -1;

  /** The smallest scale: a deviation of 0.1% of a ratio is one unit. */
  static final double FLOOR = 1e-3;

  public RobustScaler {
    if (median.length != scale.length || median.length != direction.length) {
      throw new IllegalArgumentException("median, scale and direction differ in length: " + median.length + ", "
          + scale.length + ", " + direction.length);
    }
    median = median.clone();
    scale = scale.clone();
    direction = direction.clone();
  }

  public static RobustScaler fit(double[][] rows, int[] direction) {
    int width = rows[0].length;
    double[] median = new double[width];
    double[] scale = new double[width];
    double[] column = new double[rows.length];
    for (int f = 0; f < width; f++) {
      for (int i = 0; i < rows.length; i++) {
        column[i] = rows[i][f];
      }
      Arrays.sort(column);
      median[f] = quantile(column, 0.5);
      double iqr = quantile(column, 0.75) - quantile(column, 0.25);
      scale[f] = Math.max(Math.max(iqr / 1.349, 0.01 * Math.abs(median[f])), FLOOR);
    }
    return new RobustScaler(median, scale, direction);
  }

  public double[] transform(double[] row) {
    double[] out = new double[row.length];
    for (int f = 0; f < row.length; f++) {
      out[f] = transform(row[f], f);
    }
    return out;
  }

  /**
   * A value in scale units, rounded to a thousandth of a unit (differences smaller than that are
   * arithmetic noise, such as a price ratio computed in floating point that is 1 - 2.2e-16), then
   * asinh.
   */
  public double transform(double value, int feature) {
    double z = (value - median[feature]) / scale[feature];
    if (z * direction[feature] < 0) {
      z = 0;
    }
    return asinh(Math.rint(z * 1000) / 1000);
  }

  public double[][] transform(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = transform(rows[i]);
    }
    return out;
  }

  @Override
  public double[] median() {
    return median.clone();
  }

  @Override
  public double[] scale() {
    return scale.clone();
  }

  @Override
  public int[] direction() {
    return direction.clone();
  }

  /** asinh, computed on |x| so large negative values keep their precision. */
  static double asinh(double x) {
    double a = Math.abs(x);
    double r = Math.log(a + Math.sqrt(a * a + 1));
    return x < 0 ? -r : r;
  }

  /** Linear interpolation between order statistics of a sorted array. */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 1) {
      return sorted[0];
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
