package dev.leakproof.pipelines.hygiene;

import dev.leakproof.core.EventStream;
import dev.leakproof.core.QuarantineReason;
import dev.leakproof.pipelines.source.SourceNames;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * All of one stream's stateful hygiene in one operator, for a bounded run over files: one reader
 * at parallelism 1 hands over the lines in arrival order, decoded and checked by its
 * {@link CheckingLinesFormat}, so the duplicate check and the correction
 * check can decide each line the moment it arrives, with the rules of {@link HygieneRules} over
 * plain hash maps. Flink's keyed state (a copy-on-write map made for checkpoints and rescaling)
 * cost a third of the bounded job in a profile and is not needed where nothing is checkpointed: a
 * failed bounded run starts over. The continuous job keeps the keyed operators.
 */
public final class SingleTaskHygiene extends ProcessFunction<CheckedLine, EventRecord> {

  private static final long serialVersionUID = 1L;

  private final SourceNames sources;
  private final EventStream stream;
  private final String progressKey;
  private transient Map<String, SeenEvent> seen;
  private transient Map<String, OriginalRef> originals;
  private transient LongCounter linesRead;
  private transient AtomicLong localProgress;

  public SingleTaskHygiene(SourceNames sources, EventStream stream, String progressKey) {
    this.sources = sources;
    this.stream = stream;
    this.progressKey = progressKey;
  }

  @Override
  public void open(OpenContext openContext) {
    if (getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks() != 1) {
      throw new IllegalStateException("Cannot run " + stream.key() + " hygiene in one task at parallelism "
          + getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks() + ": arrival order needs one reader");
    }
    seen = new HashMap<>(1 << 16);
    originals = new HashMap<>(1 << 16);
    linesRead = new LongCounter();
    getRuntimeContext().addAccumulator(DecodeFunction.LINES_READ + stream.key(), linesRead);
    localProgress = LocalProgress.counter(progressKey);
  }

  @Override
  public void processElement(CheckedLine checked, Context ctx, Collector<EventRecord> out) {
    if (checked.line().isHeartbeat()) {
      return;
    }
    linesRead.add(1);
    localProgress.incrementAndGet();
    EventRecord event = checked.event();
    if (event == null) {
      ctx.output(HygieneOutputs.QUARANTINE, checked.early());
      return;
    }
    SeenEvent first = seen.get(event.eventId());
    switch (HygieneRules.dedupe(first, event)) {
      case DUPLICATE -> ctx.output(HygieneOutputs.DUPLICATES, new DuplicateLine(event.stream(),
          sources.name(event.sourceIndex()), event.lineNo(), event.seq(), event.eventId(), first.firstSeq()));
      case CONFLICT -> ctx.output(HygieneOutputs.QUARANTINE,
          QuarantinedLine.of(event, sources, QuarantineReason.DUPLICATE_CONFLICT));
      case FIRST_QUARANTINED -> {
        seen.put(event.eventId(), HygieneRules.remember(event));
        ctx.output(HygieneOutputs.QUARANTINE, QuarantinedLine.of(event, sources, event.checkFailure()));
      }
      case FIRST -> {
        seen.put(event.eventId(), HygieneRules.remember(event));
        accepted(event, ctx, out);
      }
    }
  }

  /** A line past the duplicate check: an original is remembered, a correction checked against its original. */
  private void accepted(EventRecord event, Context ctx, Collector<EventRecord> out) {
    if (!event.isCorrection()) {
      if (stream == EventStream.USAGE) {
        originals.put(event.eventId(), HygieneRules.original(event));
      }
      out.collect(event.withoutRaw());
      return;
    }
    QuarantineReason reason = HygieneRules.correction(originals.get(event.correctsEventId()), event);
    if (reason != null) {
      ctx.output(HygieneOutputs.QUARANTINE, QuarantinedLine.of(event, sources, reason));
    } else {
      out.collect(event.withoutRaw());
    }
  }
}
