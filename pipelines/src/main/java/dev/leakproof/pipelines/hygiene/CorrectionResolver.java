package dev.leakproof.pipelines.hygiene;

import dev.leakproof.core.QuarantineReason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import dev.leakproof.pipelines.source.SourceNames;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Corrections, not deletions, keyed by the id of the event a line sets the quantity of. Originals
 * pass at once and are remembered; a correction waits until the watermark (the arrival sequence)
 * passes it, so every line that arrived before it has been seen whatever the parallelism, and is
 * then an {@code orphan_correction} when no accepted original arrived before it, a
 * {@code correction_mismatch} when its workspace or metric differs, else accepted. Which
 * correction wins is decided downstream, by arrival sequence, over the accepted events.
 */
public final class CorrectionResolver extends KeyedProcessFunction<String, EventRecord, EventRecord> {

  private static final long serialVersionUID = 1L;
  private static final Comparator<EventRecord> BY_ARRIVAL = Comparator.comparingLong(EventRecord::seq);

  private final SourceNames sources;
  private final HygieneState state;
  private transient ValueState<OriginalRef> original;
  private transient ListState<EventRecord> pending;

  /**
   * @param sources the stream's sources, to name them in quarantine rows
   * @param state how long an original is remembered
   */
  public CorrectionResolver(SourceNames sources, HygieneState state) {
    this.sources = sources;
    this.state = state;
  }

  @Override
  public void open(OpenContext openContext) {
    ValueStateDescriptor<OriginalRef> originalDescriptor = new ValueStateDescriptor<>("original", OriginalRef.class);
    state.applyTo(originalDescriptor);
    original = getRuntimeContext().getState(originalDescriptor);
    pending = getRuntimeContext().getListState(
        new ListStateDescriptor<>("pending-corrections", new EventRecordTypeInfo()));
  }

  @Override
  public void processElement(EventRecord event, Context ctx, Collector<EventRecord> out) throws Exception {
    if (!event.isCorrection()) {
      original.update(HygieneRules.original(event));
      out.collect(event);
      return;
    }
    pending.add(event);
    ctx.timerService().registerEventTimeTimer(event.seq());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<EventRecord> out) throws Exception {
    List<EventRecord> waiting = new ArrayList<>();
    pending.get().forEach(waiting::add);
    waiting.sort(BY_ARRIVAL);
    List<EventRecord> later = new ArrayList<>();
    OriginalRef ref = original.value();
    for (EventRecord c : waiting) {
      if (c.seq() > timestamp) {
        later.add(c);
        continue;
      }
      QuarantineReason reason = HygieneRules.correction(ref, c);
      if (reason != null) {
        ctx.output(HygieneOutputs.QUARANTINE, QuarantinedLine.of(c, sources, reason));
      } else {
        out.collect(c.withoutRaw());
      }
    }
    pending.update(later);
  }
}
