package dev.leakproof.pipelines.hygiene;

import dev.leakproof.core.QuarantineReason;
import dev.leakproof.schemas.events.DecodedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
public final class CorrectionResolver extends KeyedProcessFunction<String, ValidatedEvent, ValidatedEvent> {

  private static final long serialVersionUID = 1L;
  private static final Comparator<ValidatedEvent> BY_ARRIVAL = Comparator.comparingLong(v -> v.event().seq());

  private transient ValueState<OriginalRef> original;
  private transient ListState<ValidatedEvent> pending;

  @Override
  public void open(OpenContext openContext) {
    original = getRuntimeContext().getState(new ValueStateDescriptor<>("original", OriginalRef.class));
    pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending-corrections", ValidatedEvent.class));
  }

  @Override
  public void processElement(ValidatedEvent value, Context ctx, Collector<ValidatedEvent> out) throws Exception {
    DecodedEvent event = value.event();
    if (!event.isCorrection()) {
      original.update(new OriginalRef(event.workspaceId(), event.metric(), event.seq()));
      out.collect(value);
      return;
    }
    pending.add(value);
    ctx.timerService().registerEventTimeTimer(event.seq());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ValidatedEvent> out) throws Exception {
    List<ValidatedEvent> waiting = new ArrayList<>();
    pending.get().forEach(waiting::add);
    waiting.sort(BY_ARRIVAL);
    List<ValidatedEvent> later = new ArrayList<>();
    OriginalRef ref = original.value();
    for (ValidatedEvent correction : waiting) {
      DecodedEvent c = correction.event();
      if (c.seq() > timestamp) {
        later.add(correction);
      } else if (ref == null || ref.seq() > c.seq()) {
        ctx.output(HygieneOutputs.QUARANTINE, QuarantinedLine.of(c, QuarantineReason.ORPHAN_CORRECTION));
      } else if (!ref.workspaceId().equals(c.workspaceId()) || !ref.metric().equals(c.metric())) {
        ctx.output(HygieneOutputs.QUARANTINE, QuarantinedLine.of(c, QuarantineReason.CORRECTION_MISMATCH));
      } else {
        out.collect(correction);
      }
    }
    pending.update(later);
  }
}
