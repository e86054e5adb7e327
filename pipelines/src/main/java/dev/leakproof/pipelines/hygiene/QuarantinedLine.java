package dev.leakproof.pipelines.hygiene;

import dev.leakproof.core.EventStream;
import dev.leakproof.core.QuarantineReason;
import dev.leakproof.pipelines.source.SourceNames;

/**
 * A line kept out of the accepted events, with its raw text and the first reason that applied.
 *
 * @param eventId null when the line had none that could be read
 */
public record QuarantinedLine(
    EventStream stream, String sourceFile, long lineNo, long seq, QuarantineReason reason, String eventId, String raw) {

  static QuarantinedLine of(EventRecord e, SourceNames sources, QuarantineReason reason) {
    return new QuarantinedLine(e.stream(), sources.name(e.sourceIndex()), e.lineNo(), e.seq(), reason, e.eventId(),
        e.raw());
  }
}
