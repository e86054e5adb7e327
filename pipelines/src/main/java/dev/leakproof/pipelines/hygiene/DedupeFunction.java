package dev.leakproof.pipelines.hygiene;

import dev.leakproof.core.QuarantineReason;
import dev.leakproof.schemas.events.Checked;
import dev.leakproof.schemas.events.DecodedEvent;
import dev.leakproof.schemas.events.EventValidator;
import dev.leakproof.schemas.events.ReferenceData;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Exactly once per event id, keyed by it: the first line of an id decides; a later line with the
 * same content is a duplicate (dropped, recorded), with other content a
 * {@code duplicate_conflict}. The first line then goes through the stateless checks. Lines of one
 * id reach this operator in arrival order because the source reads the files in order at
 * parallelism 1 and a keyed exchange keeps the order of one sender.
 */
public final class DedupeFunction extends KeyedProcessFunction<String, DecodedEvent, ValidatedEvent> {

  private static final long serialVersionUID = 1L;

  private final EventValidator validator;
  private transient ValueState<SeenEvent> seen;

  public DedupeFunction(ReferenceData reference) {
    this.validator = new EventValidator(reference);
  }

  @Override
  public void open(OpenContext openContext) {
    seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen-event", SeenEvent.class));
  }

  @Override
  public void processElement(DecodedEvent event, Context ctx, Collector<ValidatedEvent> out) throws Exception {
    SeenEvent first = seen.value();
    if (first != null) {
      if (event.sameContent(first.contentHi(), first.contentLo())) {
        ctx.output(HygieneOutputs.DUPLICATES, new DuplicateLine(event.stream(), event.sourceFile(), event.lineNo(),
            event.seq(), event.eventId(), first.firstSeq()));
      } else {
        ctx.output(HygieneOutputs.QUARANTINE, QuarantinedLine.of(event, QuarantineReason.DUPLICATE_CONFLICT));
      }
      return;
    }
    seen.update(new SeenEvent(event.contentHi(), event.contentLo(), event.seq()));
    Checked checked = validator.check(event);
    if (checked.passed()) {
      out.collect(new ValidatedEvent(event, checked.occurredAt(), checked.receivedAt()));
    } else {
      ctx.output(HygieneOutputs.QUARANTINE, QuarantinedLine.of(event, checked.reason()));
    }
  }
}
