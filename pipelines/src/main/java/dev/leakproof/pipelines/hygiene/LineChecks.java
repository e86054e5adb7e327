package dev.leakproof.pipelines.hygiene;

import dev.leakproof.pipelines.source.SourceNames;
import dev.leakproof.schemas.events.Checked;
import dev.leakproof.schemas.events.DecodedEvent;
import dev.leakproof.schemas.events.EventLine;
import dev.leakproof.schemas.events.EventLineDecoder;
import dev.leakproof.schemas.events.EventValidator;
import dev.leakproof.schemas.events.ReferenceData;
import java.time.LocalDate;

/**
 * The stateless half of the hygiene: a line decoded (malformed_json, missing_field end it there)
 * and checked against the reference data, its verdict carried for the duplicate check to apply.
 * A collected event is judged against the UTC date the collector took it, a line of a file
 * against the run's as-of date. Not thread-safe: one per operator instance.
 */
final class LineChecks {

  private final ReferenceSource reference;
  private final SourceNames sources;
  private final EventLineDecoder decoder = new EventLineDecoder();
  private ReferenceData validatorReference;
  private EventValidator validator;

  LineChecks(ReferenceSource reference, SourceNames sources) {
    this.reference = reference;
    this.sources = sources;
  }

  /** The decoded line with its verdict, or null when it can't be decoded (then {@link #early} says why). */
  EventRecord check(EventLine line) {
    DecodedEvent event = decoder.decode(line);
    if (!event.decoded()) {
      lastEarly = new QuarantinedLine(line.stream(), line.sourceFile(), line.lineNo(), line.seq(), event.early(),
          null, line.text());
      return null;
    }
    int index = line.sourceIndex() >= 0 ? line.sourceIndex() : sources.indexOf(line.sourceFile());
    return EventRecord.of(event, index, line.collectedAtMicros(), verdict(event, line));
  }

  private QuarantinedLine lastEarly;

  /** The quarantined line of the last {@link #check} that returned null. */
  QuarantinedLine early() {
    return lastEarly;
  }

  private Checked verdict(DecodedEvent event, EventLine line) {
    ReferenceData now = reference.current();
    if (now != validatorReference) {
      validatorReference = now;
      validator = new EventValidator(now);
    }
    if (line.collectedAtMicros() == EventLine.NOT_COLLECTED) {
      return validator.check(event);
    }
    LocalDate collected = LocalDate.ofEpochDay(Math.floorDiv(line.collectedAtMicros(), 86_400_000_000L));
    return validator.check(event, collected);
  }
}
