package dev.leakproof.pipelines.hygiene;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.StateDescriptor;

/**
 * How the keyed hygiene operators keep and order their state.
 *
 * @param ordering whether lines of one event id reach the operators in arrival order
 *     ({@link Ordering#BY_ARRIVAL}: one reader of files in order) or must be put in order by the
 *     arrival sequence first ({@link Ordering#BY_WATERMARK}: the partitions of a topic, read in
 *     parallel, interleave)
 * @param ttl how long an event id is remembered after its first line (the billing cycle plus the
 *     late tolerance); {@link Duration#ZERO} remembers it for the job's life (a bounded run)
 */
public record HygieneState(Ordering ordering, Duration ttl) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** See {@link HygieneState#ordering()}. */
  public enum Ordering { BY_ARRIVAL, BY_WATERMARK }

  public HygieneState {
    Objects.requireNonNull(ordering, "ordering");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("Invalid dedupe TTL: " + ttl + " (must not be negative)");
    }
  }

  /** A bounded run over files: arrival order, state for the run's life. */
  public static HygieneState bounded() {
    return new HygieneState(Ordering.BY_ARRIVAL, Duration.ZERO);
  }

  /**
   * Applies the TTL to a state descriptor (processing time, refreshed on write only). Expired
   * entries leave full snapshots at once, the heap a little at each access (one entry checked per
   * access: Flink's default of five cost a sixth of the job's time in a profile), RocksDB in its
   * compactions.
   */
  public void applyTo(StateDescriptor<?, ?> descriptor) {
    if (!ttl.isZero()) {
      descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
          .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
          .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
          .cleanupFullSnapshot()
          .cleanupIncrementally(1, false)
          .cleanupInRocksdbCompactFilter(10_000)
          .build());
    }
  }
}
