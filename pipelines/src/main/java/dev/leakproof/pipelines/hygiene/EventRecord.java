package dev.leakproof.pipelines.hygiene;

import dev.leakproof.core.EventStream;
import dev.leakproof.core.QuarantineReason;
import dev.leakproof.schemas.events.Checked;
import dev.leakproof.schemas.events.DecodedEvent;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * An event line between the hygiene operators: decoded, with the verdict of the stateless checks
 * already taken (they need no state, so they run before the exchange; the duplicate check still
 * decides first). Immutable, with its own compact serializer: it crosses two keyed exchanges.
 *
 * @param sourceIndex the line's file or partition in the stream's {@code SourceNames} (names are
 *     resolved at the sinks)
 * @param raw the line as read; dropped once no later check can quarantine the event
 * @param occurredAtMicros UTC microseconds, or {@link #NO_TIME} when the check failed before it
 * @param receivedAtMicros UTC microseconds, or {@link #NO_TIME}
 * @param collectedAtMicros when the collector took it (UTC microseconds), or {@link #NO_TIME}
 * @param checkFailure the first stateless reason that applies, or null when the checks passed
 */
@TypeInfo(EventRecordTypeInfo.Factory.class)
public record EventRecord(
    EventStream stream,
    int sourceIndex,
    long lineNo,
    long seq,
    String raw,
    String eventId,
    String workspaceId,
    String metric,
    String userId,
    String action,
    BigDecimal quantity,
    long occurredAtMicros,
    long receivedAtMicros,
    long collectedAtMicros,
    String correctsEventId,
    long contentHi,
    long contentLo,
    QuarantineReason checkFailure) {

  /** Marks an absent instant. */
  public static final long NO_TIME = Long.MIN_VALUE;

  /** Builds the record of a decoded line and the outcome of its stateless checks. */
  public static EventRecord of(DecodedEvent e, int sourceIndex, long collectedAtMicros, Checked checked) {
    long received = checked.receivedAt() != null ? micros(checked.receivedAt()) : collectedAtMicros;
    return new EventRecord(e.stream(), sourceIndex, e.lineNo(), e.seq(), e.raw(), e.eventId(), e.workspaceId(),
        e.metric(), e.userId(), e.action(), e.quantity(), micros(checked.occurredAt()), received, collectedAtMicros,
        e.correctsEventId(), e.contentHi(), e.contentLo(), checked.reason());
  }

  private static long micros(Instant instant) {
    return instant == null ? NO_TIME : instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
  }

  /** True when this usage event corrects an earlier one. */
  public boolean isCorrection() {
    return stream == EventStream.USAGE && correctsEventId != null;
  }

  /** The event whose quantity this line sets: the corrected event, or the event itself. */
  public String targetEventId() {
    return isCorrection() ? correctsEventId : eventId;
  }

  public boolean sameContent(long hi, long lo) {
    return contentHi == hi && contentLo == lo;
  }

  /** The same record without its raw text, for events no later check can quarantine. */
  public EventRecord withoutRaw() {
    return raw == null ? this : new EventRecord(stream, sourceIndex, lineNo, seq, null, eventId, workspaceId, metric,
        userId, action, quantity, occurredAtMicros, receivedAtMicros, collectedAtMicros, correctsEventId, contentHi,
        contentLo, checkFailure);
  }

  public Instant occurredAt() {
    return instant(occurredAtMicros);
  }

  public Instant receivedAt() {
    return instant(receivedAtMicros);
  }

  private static Instant instant(long micros) {
    return micros == NO_TIME ? null
        : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }
}
