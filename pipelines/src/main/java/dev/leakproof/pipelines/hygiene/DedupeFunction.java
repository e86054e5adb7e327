package dev.leakproof.pipelines.hygiene;

import dev.leakproof.core.QuarantineReason;
import dev.leakproof.pipelines.source.SourceNames;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Exactly once per event id, keyed by it: the first line of an id decides; a later line with the
 * same content is a duplicate (dropped, recorded), with other content a
 * {@code duplicate_conflict}. The first line is then quarantined if a stateless check failed on
 * it. With {@link HygieneState.Ordering#BY_ARRIVAL} lines of one id arrive in order (one reader,
 * and a keyed exchange keeps the order of one sender) and are decided at once; with
 * {@link HygieneState.Ordering#BY_WATERMARK} (a topic's partitions read in parallel) each line
 * waits until the watermark passes its arrival sequence and lines are decided in that order, so
 * the first to arrive wins whichever partition it came through.
 */
public final class DedupeFunction extends KeyedProcessFunction<String, EventRecord, EventRecord> {

  private static final long serialVersionUID = 1L;

  private final SourceNames sources;
  private final HygieneState state;
  private transient ValueState<SeenEvent> seen;
  private transient MapState<Long, EventRecord> waiting;

  /**
   * @param sources the stream's sources, to name them in quarantine and duplicate rows
   */
  public DedupeFunction(SourceNames sources, HygieneState state) {
    this.sources = sources;
    this.state = state;
  }

  @Override
  public void open(OpenContext openContext) {
    ValueStateDescriptor<SeenEvent> seenDescriptor = new ValueStateDescriptor<>("seen-event", SeenEvent.class);
    state.applyTo(seenDescriptor);
    seen = getRuntimeContext().getState(seenDescriptor);
    if (state.ordering() == HygieneState.Ordering.BY_WATERMARK) {
      waiting = getRuntimeContext().getMapState(
          new MapStateDescriptor<>("waiting-lines", Types.LONG, new EventRecordTypeInfo()));
    }
  }

  @Override
  public void processElement(EventRecord event, Context ctx, Collector<EventRecord> out) throws Exception {
    if (state.ordering() == HygieneState.Ordering.BY_ARRIVAL) {
      decide(event, ctx, out);
      return;
    }
    waiting.put(event.seq(), event);
    ctx.timerService().registerEventTimeTimer(event.seq());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<EventRecord> out) throws Exception {
    EventRecord event = waiting.get(timestamp);
    if (event != null) {
      waiting.remove(timestamp);
      decide(event, ctx, out);
    }
  }

  private void decide(EventRecord event, Context ctx, Collector<EventRecord> out) throws Exception {
    SeenEvent first = seen.value();
    switch (HygieneRules.dedupe(first, event)) {
      case DUPLICATE -> ctx.output(HygieneOutputs.DUPLICATES, new DuplicateLine(event.stream(),
          sources.name(event.sourceIndex()), event.lineNo(), event.seq(), event.eventId(), first.firstSeq()));
      case CONFLICT -> ctx.output(HygieneOutputs.QUARANTINE,
          QuarantinedLine.of(event, sources, QuarantineReason.DUPLICATE_CONFLICT));
      case FIRST_QUARANTINED -> {
        seen.update(HygieneRules.remember(event));
        ctx.output(HygieneOutputs.QUARANTINE, QuarantinedLine.of(event, sources, event.checkFailure()));
      }
      case FIRST -> {
        seen.update(HygieneRules.remember(event));
        out.collect(event.isCorrection() ? event : event.withoutRaw());
      }
    }
  }
}
