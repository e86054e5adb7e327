package dev.leakproof.pipelines;

import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.hygiene.CheckedLine;
import dev.leakproof.pipelines.hygiene.CorrectionResolver;
import dev.leakproof.pipelines.hygiene.DecodeFunction;
import dev.leakproof.pipelines.hygiene.DedupeFunction;
import dev.leakproof.pipelines.hygiene.DuplicateLine;
import dev.leakproof.pipelines.hygiene.EventRecord;
import dev.leakproof.pipelines.hygiene.HygieneOutputs;
import dev.leakproof.pipelines.hygiene.HygieneState;
import dev.leakproof.pipelines.hygiene.QuarantinedLine;
import dev.leakproof.pipelines.hygiene.ReferenceSource;
import dev.leakproof.pipelines.hygiene.SingleTaskHygiene;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.lake.LakeRows;
import dev.leakproof.pipelines.lake.LakeTable;
import dev.leakproof.pipelines.source.SourceNames;
import dev.leakproof.schemas.events.EventLine;
import dev.leakproof.pipelines.thresholds.SingleTaskThresholds;
import dev.leakproof.pipelines.thresholds.ThresholdCrossing;
import dev.leakproof.pipelines.thresholds.ThresholdFunction;
import dev.leakproof.pipelines.thresholds.ThresholdSettings;
import dev.leakproof.pipelines.thresholds.UsageDelta;
import dev.leakproof.pipelines.thresholds.UsageDeltaFunction;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.flink.sink.FlinkSink;

/**
 * The hygiene operators and the lake sinks, whatever the events come from: decode and the
 * stateless checks, the duplicate check keyed by event id, corrections keyed by the event they
 * correct, and the event, quarantine and duplicate tables. The bounded run over files and the
 * continuous job over the event topics build the same topology on different sources (one code
 * path, two sources); operator ids are fixed, so a restarted job finds its state.
 */
public final class HygieneTopology {

  /**
   * One stream's events as they arrive, the names of its sources, and the parallelism of the
   * decode operator (that of the source, to chain to it).
   */
  public record Input(EventStream stream, DataStream<EventLine> lines, SourceNames sources, int decodeParallelism) {
    public Input(EventStream stream, DataStream<EventLine> lines, SourceNames sources) {
      this(stream, lines, sources, lines.getParallelism());
    }
  }

  /**
   * How the keyed operators are wired. {@link #EXCHANGE}: through keyed exchanges, so they scale
   * out (the continuous job on a topic's partitions). {@link #SINGLE_TASK}: one reader of files in
   * arrival order at parallelism 1 holds every key, so its stream is declared keyed as it is and
   * decode, dedupe, corrections and the lake writers run chained in one task: no record is
   * serialized between them (on two cores the exchanges cost more than a second thread gains).
   */
  public enum Wiring {
    EXCHANGE, SINGLE_TASK,
    /**
     * A bounded run over files at parallelism 1, nothing checkpointed: the whole hygiene of a
     * stream in one operator ({@link SingleTaskHygiene}), chained to the reader and the writer.
     */
    FUSED
  }

  private final ReferenceSource reference;
  private final HygieneState state;
  private final String progressKey;
  private Wiring wiring = Wiring.EXCHANGE;
  private ThresholdSettings thresholds;

  /**
   * @param progressKey names the {@code LocalProgress} counter the decode operators add to
   */
  public HygieneTopology(ReferenceSource reference, HygieneState state, String progressKey) {
    this.reference = reference;
    this.state = state;
    this.progressKey = progressKey;
  }

  /** Wires the keyed operators this way (default: {@link Wiring#EXCHANGE}). */
  public HygieneTopology wiring(Wiring wiring) {
    this.wiring = wiring;
    return this;
  }

  /**
   * Also raises threshold events of usage against plan limits, written to the lake's
   * usage_thresholds table (none when null, the default).
   */
  public HygieneTopology thresholds(ThresholdSettings settings) {
    this.thresholds = settings;
    return this;
  }

  private org.apache.flink.streaming.api.datastream.KeyedStream<EventRecord, String> keyed(
      DataStream<EventRecord> stream, org.apache.flink.api.java.functions.KeySelector<EventRecord, String> key) {
    return wiring == Wiring.SINGLE_TASK
        ? org.apache.flink.streaming.api.datastream.DataStreamUtils.reinterpretAsKeyedStream(stream, key,
            org.apache.flink.api.common.typeinfo.Types.STRING)
        : stream.keyBy(key);
  }

  /** Adds the operators and sinks of the given streams' events to their environment. */
  public void build(List<Input> inputs, Lake lake) {
    List<DataStream<QuarantinedLine>> quarantine = new ArrayList<>();
    List<DataStream<DuplicateLine>> duplicates = new ArrayList<>();
    for (Input input : inputs) {
      if (wiring == Wiring.FUSED) {
        throw new IllegalStateException("The fused wiring reads checked lines: build it with buildFused");
      }
      SingleOutputStreamOperator<EventRecord> checked = hygiene(input, quarantine, duplicates);
      if (input.stream() == EventStream.USAGE) {
        SingleOutputStreamOperator<EventRecord> resolved = keyed(checked, EventRecord::targetEventId)
            .process(new CorrectionResolver(input.sources(), state))
            .name("usage: resolve corrections").uid("usage-corrections");
        quarantine.add(resolved.getSideOutput(HygieneOutputs.QUARANTINE));
        sink(resolved, new LakeRows.Usage(input.sources()), LakeTable.USAGE_EVENTS, lake);
        if (thresholds != null) {
          keyedThresholds(resolved, lake);
        }
      } else {
        sink(checked, new LakeRows.Seats(input.sources()), LakeTable.SEAT_EVENTS, lake);
      }
    }
    if (!quarantine.isEmpty()) {
      sink(union(quarantine), new LakeRows.Quarantine(), LakeTable.EVENT_QUARANTINE, lake);
      sink(union(duplicates), new LakeRows.Duplicates(), LakeTable.EVENT_DUPLICATES, lake);
    }
  }

  /**
   * The threshold operators of the keyed wirings: the usage each accepted line adds, keyed by the
   * event it sets (the correction check's key: the resolved stream is partitioned by it already, so
   * the step chains to it), then the levels each account, metric and month reaches, keyed by them.
   */
  private void keyedThresholds(SingleOutputStreamOperator<EventRecord> resolved, Lake lake) {
    SingleOutputStreamOperator<UsageDelta> deltas = org.apache.flink.streaming.api.datastream.DataStreamUtils
        .reinterpretAsKeyedStream(resolved, EventRecord::targetEventId, org.apache.flink.api.common.typeinfo.Types.STRING)
        .process(new UsageDeltaFunction(thresholds.plans(), state))
        .name("usage: deltas").uid("usage-deltas");
    KeySelector<UsageDelta, String> byMonth = UsageDelta::usageKey;
    org.apache.flink.streaming.api.datastream.KeyedStream<UsageDelta, String> keyedDeltas = wiring == Wiring.SINGLE_TASK
        ? org.apache.flink.streaming.api.datastream.DataStreamUtils.reinterpretAsKeyedStream(deltas, byMonth,
            org.apache.flink.api.common.typeinfo.Types.STRING)
        : deltas.keyBy(byMonth);
    SingleOutputStreamOperator<ThresholdCrossing> crossings = keyedDeltas
        .process(new ThresholdFunction(thresholds.plans(), thresholds.policy()))
        .name("usage: thresholds").uid("usage-thresholds");
    sink(crossings, new LakeRows.Thresholds(), LakeTable.USAGE_THRESHOLDS, lake);
  }

  /**
   * One stream of a bounded run over files, decoded and checked by its reader
   * ({@link dev.leakproof.pipelines.hygiene.CheckingLinesFormat}).
   */
  public record CheckedInput(EventStream stream, DataStream<CheckedLine> lines, SourceNames sources) {}

  /**
   * The {@link Wiring#FUSED} topology: each stream's lines, already decoded and checked where they
   * were read, through one {@link SingleTaskHygiene} chained to its reader and its lake writer.
   */
  public void buildFused(List<CheckedInput> inputs, Lake lake) {
    List<DataStream<QuarantinedLine>> quarantine = new ArrayList<>();
    List<DataStream<DuplicateLine>> duplicates = new ArrayList<>();
    Wiring before = wiring;
    wiring = Wiring.FUSED;
    try {
      for (CheckedInput input : inputs) {
        SingleOutputStreamOperator<EventRecord> clean = input.lines()
            .process(new SingleTaskHygiene(input.sources(), input.stream(), progressKey))
            .setParallelism(1).name(input.stream().key() + ": hygiene").uid(input.stream().key() + "-hygiene");
        quarantine.add(clean.getSideOutput(HygieneOutputs.QUARANTINE));
        duplicates.add(clean.getSideOutput(HygieneOutputs.DUPLICATES));
        if (input.stream() == EventStream.USAGE && thresholds != null) {
          sink(clean.process(new SingleTaskThresholds(thresholds.plans(), thresholds.policy())).setParallelism(1)
              .name("usage: thresholds").uid("usage-thresholds-single"), new LakeRows.Thresholds(),
              LakeTable.USAGE_THRESHOLDS, lake);
        }
        sink(clean, input.stream() == EventStream.USAGE ? new LakeRows.Usage(input.sources())
            : new LakeRows.Seats(input.sources()), input.stream() == EventStream.USAGE ? LakeTable.USAGE_EVENTS
            : LakeTable.SEAT_EVENTS, lake);
      }
      if (!quarantine.isEmpty()) {
        sink(union(quarantine), new LakeRows.Quarantine(), LakeTable.EVENT_QUARANTINE, lake);
        sink(union(duplicates), new LakeRows.Duplicates(), LakeTable.EVENT_DUPLICATES, lake);
      }
    } finally {
      wiring = before;
    }
  }

  /**
   * The hygiene operators of one stream: decode (at its source's parallelism, chained to it),
   * then the duplicate and stateless checks keyed by event id.
   */
  private SingleOutputStreamOperator<EventRecord> hygiene(Input input, List<DataStream<QuarantinedLine>> quarantine,
      List<DataStream<DuplicateLine>> duplicates) {
    String name = input.stream().key();
    SingleOutputStreamOperator<EventRecord> decoded = input.lines()
        .process(new DecodeFunction(reference, input.sources(), progressKey))
        .setParallelism(input.decodeParallelism()).name(name + ": decode and check").uid(name + "-decode");
    SingleOutputStreamOperator<EventRecord> checked = keyed(decoded, EventRecord::eventId)
        .process(new DedupeFunction(input.sources(), state))
        .name(name + ": dedupe").uid(name + "-dedupe");
    quarantine.add(decoded.getSideOutput(HygieneOutputs.QUARANTINE));
    quarantine.add(checked.getSideOutput(HygieneOutputs.QUARANTINE));
    duplicates.add(checked.getSideOutput(HygieneOutputs.DUPLICATES));
    return checked;
  }

  private <T> void sink(DataStream<T> stream, MapFunction<T, RowData> mapper, LakeTable table, Lake lake) {
    FlinkSink.Builder builder = FlinkSink.builderFor(stream, mapper, LakeRows.typeOf(table))
        .tableLoader(lake.tableLoader(table))
        .uidPrefix(table.tableName() + "-sink");
    if (wiring != Wiring.EXCHANGE) {
      builder.writeParallelism(1);
    }
    builder.append();
  }

  private static <T> DataStream<T> union(List<DataStream<T>> streams) {
    DataStream<T> first = streams.get(0);
    if (streams.size() == 1) {
      return first;
    }
    @SuppressWarnings("unchecked")
    DataStream<T>[] rest = streams.subList(1, streams.size()).toArray(new DataStream[0]);
    return first.union(rest);
  }
}
