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
  private long max = Long.MIN_VALUE;

  /**
   * @param bound sequence units a later line may still arrive behind the latest one (0 for one
   *     ordered reader)
   * @param progressKey when not null, the {@link LocalProgress} counter {@code progressKey + WATERMARK}
   *     keeps the highest watermark emitted, for a local driver waiting on it
   */
  ArrivalWatermarks(long bound, String progressKey) {
    this.bound = bound;
    this.progressKey = progressKey;
  }

  /** Suffix of the local progress counter holding the highest watermark emitted. */
  public static final String WATERMARK = "-watermark";

  /** For one reader of files in order: each line's sequence is a promise about every later one. */
  public static WatermarkStrategy<EventLine> ordered(String progressKey) {
    return strategy(0, progressKey);
  }

  /**
   * For a topic's partitions: per partition (the source's split-aware generators), a bound of
   * out-of-orderness in time. Watermarks move with the data only: never with the clock, and no
   * partition is declared idle, because a partition whose backlog is simply not fetched yet would
   * then see its lines arrive behind the watermark, out of order. The collectors' heartbeat
   * records move quiet partitions on, so the last events before a quiet spell are released.
   */
  public static WatermarkStrategy<EventLine> partitioned(Duration outOfOrderness) {
    long bound = outOfOrderness.toNanos() / 1000 << EventHeaders.REPLICA_BITS;
    return strategy(bound, null);
  }

  private static WatermarkStrategy<EventLine> strategy(long bound, String progressKey) {
    return WatermarkStrategy.<EventLine>forGenerator(ctx -> new ArrivalWatermarks(bound, progressKey))
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
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    if (max == Long.MIN_VALUE) {
      return;
    }
    long w = max - bound;
    output.emitWatermark(new Watermark(w));
    if (progressKey != null) {
      LocalProgress.counter(progressKey + WATERMARK).accumulateAndGet(w, Math::max);
    }
  }
}
