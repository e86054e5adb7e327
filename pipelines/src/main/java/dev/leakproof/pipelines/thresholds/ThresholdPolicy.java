package dev.leakproof.pipelines.thresholds;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which shares of a plan limit raise a threshold event ({@code thresholds.yml}): the levels in
 * percent (default 50, 90, 100) and, past the highest, every further {@code repeatEvery} percent
 * (default 100: 200%, 300%, ...), for every plan or per plan, as OpenMeter's and Lago's usage
 * thresholds are set. Validated on construction.
 *
 * @param levels the default levels, ascending, 1..10000
 * @param repeatEvery the step past the highest level, 0 for none
 * @param planLevels levels of plans that differ from the default (plan id to levels)
 */
public record ThresholdPolicy(List<Integer> levels, int repeatEvery, Map<String, List<Integer>> planLevels)
    implements Serializable {

  /** At most this many repeat levels are raised one by one for a single event; past it, the highest only. */
  public static final int MAX_REPEATS_PER_EVENT = 10;

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public ThresholdPolicy {
    levels = checked("thresholds.levels", levels);
    if (repeatEvery < 0 || repeatEvery > 10_000) {
      throw new IllegalArgumentException("Invalid thresholds.repeat-every: " + repeatEvery + " (0..10000, 0 for none)");
    }
    Map<String, List<Integer>> copy = new TreeMap<>();
    planLevels.forEach((plan, l) -> copy.put(plan, checked("thresholds.plans." + plan, l)));
    planLevels = Map.copyOf(copy);
  }

  /** 50%, 90%, 100%, then every further 100%. */
  public static ThresholdPolicy defaults() {
    return new ThresholdPolicy(List.of(50, 90, 100), 100, Map.of());
  }

  private static List<Integer> checked(String key, List<Integer> levels) {
    if (levels == null || levels.isEmpty()) {
      throw new IllegalArgumentException("Invalid " + key + ": no levels");
    }
    int previous = 0;
    for (Integer level : levels) {
      if (level == null || level < 1 || level > 10_000) {
        throw new IllegalArgumentException("Invalid " + key + ": " + level + " (percent, 1..10000)");
      }
      if (level <= previous) {
        throw new IllegalArgumentException("Invalid " + key + ": " + levels + " (ascending, each once)");
      }
      previous = level;
    }
    return List.copyOf(levels);
  }

  /** The levels of a plan. */
  public List<Integer> levelsOf(String planId) {
    return planLevels.getOrDefault(planId, levels);
  }

  /**
   * The levels newly crossed, ascending: those above {@code highestRaised} that {@code usage}
   * reaches ({@code usage * 100 >= level * included}, exact). A single event that jumps past more
   * than {@link #MAX_REPEATS_PER_EVENT} repeat levels raises the highest of them only.
   *
   * @param highestRaised the highest level already raised for the account, metric and month (0: none)
   * @param included the plan limit, positive
   */
  public List<Integer> crossed(String planId, int highestRaised, BigDecimal usage, BigDecimal included) {
    List<Integer> out = new ArrayList<>();
    if (included.signum() <= 0) {
      return out;
    }
    BigDecimal reached = usage.multiply(HUNDRED);
    List<Integer> own = levelsOf(planId);
    for (int level : own) {
      if (level > highestRaised && reached.compareTo(included.multiply(BigDecimal.valueOf(level))) >= 0) {
        out.add(level);
      }
    }
    int top = own.get(own.size() - 1);
    if (repeatEvery == 0 || reached.compareTo(included.multiply(BigDecimal.valueOf(top))) < 0) {
      return out;
    }
    // the highest repeat level reached: top + k * repeatEvery <= usage * 100 / included
    long maxK = reached.divideToIntegralValue(included).subtract(BigDecimal.valueOf(top))
        .divideToIntegralValue(BigDecimal.valueOf(repeatEvery)).longValue();
    long firstK = highestRaised <= top ? 1 : (highestRaised - top) / repeatEvery + 1;
    if (maxK < firstK) {
      return out;
    }
    if (maxK - firstK + 1 > MAX_REPEATS_PER_EVENT) {
      firstK = maxK;
    }
    for (long k = firstK; k <= maxK; k++) {
      long level = top + k * repeatEvery;
      out.add((int) Math.min(Integer.MAX_VALUE, level));
    }
    return out;
  }
}
