package dev.leakproof.ml;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * An isolation forest (Liu, Ting and Zhou, 2008): random axis-parallel splits isolate a point in
 * fewer steps the further it lies from the bulk of the data, so the mean path length over many
 * random trees, each grown on a small subsample, ranks points by how anomalous they are. The score
 * is the paper's {@code s = 2^(-E[h(x)] / c(psi))}: near 1 for points isolated at once, 0.5 and
 * below for the bulk. One addition to the paper: a row outside a tree's sample range is treated as
 * the first split on that feature would treat it (see {@link Tree#pathLength}). Deterministic for
 * a seed; the trees are flat arrays so the model serialises as numbers.
 */
public final class IsolationForest {

  private static final double EULER = 0.5772156649015329;

  /**
   * One tree in flat arrays: node i splits on feature[i] at split[i], or is a leaf (feature -1) of
   * size[i] points; low and high are each feature's range over the tree's sample.
   */
  public record Tree(int[] feature, double[] split, int[] left, int[] right, int[] size, double[] low, double[] high) {

    /**
     * The path length of a row: edges to its leaf plus c(leaf size), the expected depth still to
     * go. A row outside the sample's range on k features would be cut off by the first split on
     * any of them, which random feature choice reaches after (features / k) levels on average; the
     * path is capped there. Without the cap a deviation the sample never showed (a price off list
     * when every sampled month billed list) could not shorten the path at all, since a feature
     * constant in the sample is never split on.
     */
    double pathLength(double[] row) {
      int node = 0;
      int depth = 0;
      while (feature[node] >= 0) {
        node = row[feature[node]] < split[node] ? left[node] : right[node];
        depth++;
      }
      double path = depth + averagePath(size[node]);
      int outside = 0;
      int eligible = 0;
      for (int f = 0; f < low.length; f++) {
        boolean out = row[f] < low[f] || row[f] > high[f];
        if (out) {
          outside++;
        }
        if (out || high[f] > low[f]) {
          eligible++;
        }
      }
      return outside == 0 ? path : Math.min(path, (double) eligible / outside);
    }
  }

  private final int sampleSize;
  private final Tree[] trees;

  public IsolationForest(int sampleSize, Tree[] trees) {
    if (sampleSize < 2 || trees.length == 0) {
      throw new IllegalArgumentException("Invalid isolation forest: sample size " + sampleSize + ", "
          + trees.length + " trees (need at least 2 and 1)");
    }
    this.sampleSize = sampleSize;
    this.trees = trees.clone();
  }

  /**
   * Grows {@code treeCount} trees, each on {@code sampleSize} rows drawn without replacement (all
   * rows when there are fewer), to the depth limit ceil(log2(sampleSize)) of the paper.
   *
   * @throws IllegalArgumentException when there are fewer than 2 rows or the rows are ragged
   */
  public static IsolationForest fit(double[][] rows, int treeCount, int sampleSize, long seed) {
    if (rows.length < 2) {
      throw new IllegalArgumentException("Cannot fit an isolation forest on " + rows.length + " rows (need 2)");
    }
    int width = rows[0].length;
    for (double[] r : rows) {
      if (r.length != width) {
        throw new IllegalArgumentException("Ragged rows: " + r.length + " values where " + width + " expected");
      }
    }
    int psi = Math.min(sampleSize, rows.length);
    int depthLimit = (int) Math.ceil(Math.log(psi) / Math.log(2));
    SplittableRandom rng = new SplittableRandom(seed);
    Tree[] trees = new Tree[treeCount];
    int[] all = new int[rows.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    for (int t = 0; t < treeCount; t++) {
      // partial Fisher-Yates: the first psi entries are the sample
      for (int i = 0; i < psi; i++) {
        int j = i + rng.nextInt(all.length - i);
        int tmp = all[i];
        all[i] = all[j];
        all[j] = tmp;
      }
      trees[t] = new Builder(rows, width, psi, rng).build(Arrays.copyOf(all, psi), depthLimit);
    }
    return new IsolationForest(psi, trees);
  }

  /** The paper's anomaly score in (0, 1]. */
  public double score(double[] row) {
    return Math.pow(2, -meanPathLength(row) / averagePath(sampleSize));
  }

  public double meanPathLength(double[] row) {
    double total = 0;
    for (Tree t : trees) {
      total += t.pathLength(row);
    }
    return total / trees.length;
  }

  public int sampleSize() {
    return sampleSize;
  }

  public Tree[] trees() {
    return trees.clone();
  }

  /** c(n): the average path length of an unsuccessful search in a binary search tree of n points. */
  static double averagePath(int n) {
    if (n <= 1) {
      return 0;
    }
    if (n == 2) {
      return 1;
    }
    double harmonic = Math.log(n - 1.0) + EULER;
    return 2 * harmonic - 2.0 * (n - 1) / n;
  }

  /** Grows one tree into growable flat arrays. */
  private static final class Builder {
    private final double[][] rows;
    private final int width;
    private final SplittableRandom rng;
    private int[] feature;
    private double[] split;
    private int[] left;
    private int[] right;
    private int[] size;
    private int nodes;

    Builder(double[][] rows, int width, int psi, SplittableRandom rng) {
      this.rows = rows;
      this.width = width;
      this.rng = rng;
      int capacity = 2 * psi;
      feature = new int[capacity];
      split = new double[capacity];
      left = new int[capacity];
      right = new int[capacity];
      size = new int[capacity];
    }

    Tree build(int[] sample, int depthLimit) {
      double[] low = new double[width];
      double[] high = new double[width];
      Arrays.fill(low, Double.POSITIVE_INFINITY);
      Arrays.fill(high, Double.NEGATIVE_INFINITY);
      for (int i : sample) {
        for (int f = 0; f < width; f++) {
          low[f] = Math.min(low[f], rows[i][f]);
          high[f] = Math.max(high[f], rows[i][f]);
        }
      }
      grow(sample, 0, sample.length, 0, depthLimit);
      return new Tree(Arrays.copyOf(feature, nodes), Arrays.copyOf(split, nodes), Arrays.copyOf(left, nodes),
          Arrays.copyOf(right, nodes), Arrays.copyOf(size, nodes), low, high);
    }

    /** Grows the node for sample[from, to) and returns its index. */
    private int grow(int[] sample, int from, int to, int depth, int depthLimit) {
      int node = nodes++;
      ensureCapacity();
      int n = to - from;
      size[node] = n;
      feature[node] = -1;
      if (n <= 1 || depth >= depthLimit) {
        return node;
      }
      // a feature chosen at random among those that still vary in this node
      double[] min = new double[width];
      double[] max = new double[width];
      Arrays.fill(min, Double.POSITIVE_INFINITY);
      Arrays.fill(max, Double.NEGATIVE_INFINITY);
      for (int i = from; i < to; i++) {
        double[] r = rows[sample[i]];
        for (int f = 0; f < width; f++) {
          min[f] = Math.min(min[f], r[f]);
          max[f] = Math.max(max[f], r[f]);
        }
      }
      int varying = 0;
      for (int f = 0; f < width; f++) {
        if (max[f] > min[f]) {
          varying++;
        }
      }
      if (varying == 0) {
        return node;
      }
      int pick = rng.nextInt(varying);
      int f = -1;
      for (int k = 0; k < width; k++) {
        if (max[k] > min[k] && pick-- == 0) {
          f = k;
          break;
        }
      }
      double at = min[f] + rng.nextDouble() * (max[f] - min[f]);
      if (at <= min[f]) {
        at = Math.nextUp(min[f]);
      }
      int mid = from;
      for (int i = from; i < to; i++) {
        if (rows[sample[i]][f] < at) {
          int tmp = sample[mid];
          sample[mid] = sample[i];
          sample[i] = tmp;
          mid++;
        }
      }
      feature[node] = f;
      split[node] = at;
      int l = grow(sample, from, mid, depth + 1, depthLimit);
      left[node] = l;
      int r = grow(sample, mid, to, depth + 1, depthLimit);
      right[node] = r;
      return node;
    }

    private void ensureCapacity() {
      if (nodes > feature.length) {
        int capacity = feature.length * 2;
        feature = Arrays.copyOf(feature, capacity);
        split = Arrays.copyOf(split, capacity);
        left = Arrays.copyOf(left, capacity);
        right = Arrays.copyOf(right, capacity);
        size = Arrays.copyOf(size, capacity);
      }
    }
  }
}
