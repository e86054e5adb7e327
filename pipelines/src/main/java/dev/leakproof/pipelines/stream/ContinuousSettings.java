package dev.leakproof.pipelines.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * How a continuous job runs, validated on construction.
 *
 * @param parallelism {@code stream.parallelism}: of the keyed operators and the lake writers
 * @param checkpointInterval {@code stream.checkpoint-interval}: state snapshots and lake commits
 * @param stateBackend {@code stream.state-backend}: {@code hashmap} (heap) or {@code rocksdb}
 *     (production-size dedupe state, incremental checkpoints)
 * @param billingCycle {@code stream.dedupe.billing-cycle} and
 * @param lateTolerance {@code stream.late-tolerance}: an event id is remembered for the two
 *     together after its first line
 * @param outOfOrderness {@code stream.out-of-orderness}: how far behind the newest a collected
 *     event may still arrive and keep its place (collectors' clocks, transaction commits)
 */
public record ContinuousSettings(
    int parallelism,
    Duration checkpointInterval,
    StateBackend stateBackend,
    Duration billingCycle,
    Duration lateTolerance,
    Duration outOfOrderness) {

  /** Where keyed state lives between checkpoints. */
  public enum StateBackend {
    HASHMAP("hashmap"), ROCKSDB("rocksdb");

    private final String flinkName;

    StateBackend(String flinkName) {
      this.flinkName = flinkName;
    }

    public String flinkName() {
      return flinkName;
    }

    /** Parses {@code hashmap} or {@code rocksdb}. */
    public static StateBackend parse(String text) {
      for (StateBackend b : values()) {
        if (b.flinkName.equalsIgnoreCase(text.strip())) {
          return b;
        }
      }
      throw new IllegalArgumentException("Invalid stream.state-backend: '" + text + "' (hashmap or rocksdb)");
    }
  }

  public ContinuousSettings {
    if (parallelism < 1 || parallelism > 256) {
      throw new IllegalArgumentException("Invalid stream.parallelism: " + parallelism + " (1..256)");
    }
    Objects.requireNonNull(stateBackend, "stateBackend");
    if (checkpointInterval.compareTo(Duration.ofMillis(500)) < 0) {
      throw new IllegalArgumentException("Invalid stream.checkpoint-interval: " + checkpointInterval
          + " (at least 500 ms)");
    }
    if (billingCycle.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException("Invalid stream.dedupe.billing-cycle: " + billingCycle + " (at least 1 d)");
    }
    if (lateTolerance.isNegative()) {
      throw new IllegalArgumentException("Invalid stream.late-tolerance: " + lateTolerance + " (not negative)");
    }
    if (outOfOrderness.isNegative() || outOfOrderness.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("Invalid stream.out-of-orderness: " + outOfOrderness + " (0..10 min)");
    }
  }

  /** Defaults: 10 s checkpoints on the heap, a 31-day cycle plus 3 days late, 200 ms out of order. */
  public static ContinuousSettings defaults(int parallelism) {
    return new ContinuousSettings(parallelism, Duration.ofSeconds(10), StateBackend.HASHMAP, Duration.ofDays(31),
        Duration.ofDays(3), Duration.ofMillis(200));
  }

  /** How long an event id and an original event are remembered. */
  public Duration dedupeTtl() {
    return billingCycle.plus(lateTolerance);
  }

  public ContinuousSettings withCheckpointInterval(Duration interval) {
    return new ContinuousSettings(parallelism, interval, stateBackend, billingCycle, lateTolerance, outOfOrderness);
  }
}
