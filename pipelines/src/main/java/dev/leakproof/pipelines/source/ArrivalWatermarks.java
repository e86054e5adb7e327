package dev.leakproof.pipelines.source;

import dev.leakproof.pipelines.hygiene.LocalProgress;
import dev.leakproof.pipelines.kafka.EventHeaders;
import dev.leakproof.schemas.events.EventLine;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks in arrival sequence: the event time of the hygiene operators is an event's place in
 * arrival order, so a watermark W means "every line that arrived up to W has been read". One
 * reader of files sees strictly increasing sequences and may promise its latest at once; the
 * partitions of a topic each increase, and a bound absorbs collectors whose clocks or commits
 * differ slightly.
 */
public final class ArrivalWatermarks implements WatermarkGenerator<EventLine> {

  private final long bound;
  private final String progressKey;
  private final long idleNanos;
  private long max = Long.MIN_VALUE;
  private long lastEventNanos = System.nanoTime();

  /**
   * @param bound sequence units a later line may still arrive behind the latest one (0 for one
   *     ordered reader)
   * @param progressKey when not null, the {@link LocalProgress} counter {@code progressKey + WATERMARK}
   *     keeps the highest watermark emitted, for a local driver waiting on it
   */
  ArrivalWatermarks(long bound, String progressKey, long idleNanos) {
    this.bound = bound;
    this.progressKey = progressKey;
    this.idleNanos = idleNanos;
  }

  /** Suffix of the local progress counter holding the highest watermark emitted. */
  public static final String WATERMARK = "-watermark";

  /** For one reader of files in order: each line's sequence is a promise about every later one. */
  public static WatermarkStrategy<EventLine> ordered(String progressKey) {
    return strategy(0, progressKey, -1);
  }

  /**
   * For a topic's partitions: per partition (the source's split-aware generators), a bound of
   * out-of-orderness in time. A partition without records for {@code idleness} advances with the
   * clock instead (now less the bound): collectors stamp events with the time they take them, so
   * no later record can carry an older sequence, and the last events before a quiet spell are
   * released instead of waiting for the next one.
   */
  public static WatermarkStrategy<EventLine> partitioned(Duration outOfOrderness, Duration idleness) {
    long bound = outOfOrderness.toNanos() / 1000 << EventHeaders.REPLICA_BITS;
    return strategy(bound, null, idleness.toNanos());
  }

  private static WatermarkStrategy<EventLine> strategy(long bound, String progressKey, long idleNanos) {
    return WatermarkStrategy.<EventLine>forGenerator(ctx -> new ArrivalWatermarks(bound, progressKey, idleNanos))
        .withTimestampAssigner((SerializableAssigner) (line, ts) -> line.seq());
  }

  /** A serializable timestamp assigner. */
  interface SerializableAssigner extends org.apache.flink.api.common.eventtime.SerializableTimestampAssigner<EventLine>,
      Serializable {}

  @Override
  public void onEvent(EventLine line, long timestamp, WatermarkOutput output) {
    if (timestamp > max) {
      max = timestamp;
    }
    if (idleNanos > 0) {
      lastEventNanos = System.nanoTime();
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    long w = max == Long.MIN_VALUE ? Long.MIN_VALUE : max - bound;
    if (idleNanos > 0 && System.nanoTime() - lastEventNanos > idleNanos) {
      long clock = EventHeaders.sequence(EventHeaders.micros(java.time.Instant.now()), 0) - bound;
      w = Math.max(w, clock);
    }
    if (w == Long.MIN_VALUE) {
      return;
    }
    output.emitWatermark(new Watermark(w));
    if (progressKey != null) {
      LocalProgress.counter(progressKey + WATERMARK).accumulateAndGet(w, Math::max);
    }
  }
}
