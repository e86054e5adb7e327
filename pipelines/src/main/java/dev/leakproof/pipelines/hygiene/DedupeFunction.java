package dev.leakproof.pipelines.hygiene;

import dev.leakproof.core.QuarantineReason;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Exactly once per event id, keyed by it: the first line of an id decides; a later line with the
 * same content is a duplicate (dropped, recorded), with other content a
 * {@code duplicate_conflict}. The first line is then quarantined if a stateless check failed on
 * it. Lines of one id reach this operator in arrival order because the source reads the files in
 * order at parallelism 1 and a keyed exchange keeps the order of one sender.
 */
public final class DedupeFunction extends KeyedProcessFunction<String, EventRecord, EventRecord> {

  private static final long serialVersionUID = 1L;

  private final List<String> fileNames;
  private transient ValueState<SeenEvent> seen;

  /**
   * @param fileNames the stream's file names in arrival order, to name files in quarantine rows
   */
  public DedupeFunction(List<String> fileNames) {
    this.fileNames = List.copyOf(fileNames);
  }

  @Override
  public void open(OpenContext openContext) {
    seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen-event", SeenEvent.class));
  }

  @Override
  public void processElement(EventRecord event, Context ctx, Collector<EventRecord> out) throws Exception {
    SeenEvent first = seen.value();
    if (first != null) {
      if (event.sameContent(first.contentHi(), first.contentLo())) {
        ctx.output(HygieneOutputs.DUPLICATES, new DuplicateLine(event.stream(), fileNames.get(event.fileIndex()),
            event.lineNo(), event.seq(), event.eventId(), first.firstSeq()));
      } else {
        ctx.output(HygieneOutputs.QUARANTINE,
            QuarantinedLine.of(event, fileNames, QuarantineReason.DUPLICATE_CONFLICT));
      }
      return;
    }
    seen.update(new SeenEvent(event.contentHi(), event.contentLo(), event.seq()));
    if (event.checkFailure() != null) {
      ctx.output(HygieneOutputs.QUARANTINE, QuarantinedLine.of(event, fileNames, event.checkFailure()));
    } else {
      out.collect(event.isCorrection() ? event : event.withoutRaw());
    }
  }
}
