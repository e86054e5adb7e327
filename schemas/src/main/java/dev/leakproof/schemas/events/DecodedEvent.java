package dev.leakproof.schemas.events;

import dev.leakproof.core.EventStream;
import dev.leakproof.core.QuarantineReason;
import java.math.BigDecimal;

/**
 * An event line after JSON decoding, before any stateful rule. Field values are kept as the
 * decoder found them, so the later checks (quantity, action, timestamp, workspace, metric) can
 * run after the duplicate check, in the order the spec gives.
 *
 * @param early {@code malformed_json} or {@code missing_field} when decoding already failed, else null
 * @param occurredAt the {@code occurred_at} text, or null when it was not a JSON string
 * @param contentHi high half of the fingerprint of every field but {@code received_at}
 * @param contentLo low half of that fingerprint
 */
public record DecodedEvent(
    EventStream stream,
    String sourceFile,
    long lineNo,
    long seq,
    String raw,
    QuarantineReason early,
    String eventId,
    String workspaceId,
    String metric,
    String userId,
    String action,
    BigDecimal quantity,
    QuantityState quantityState,
    String occurredAt,
    String receivedAt,
    String correctsEventId,
    long contentHi,
    long contentLo) {

  /** True when the line got past {@code malformed_json} and {@code missing_field}. */
  public boolean decoded() {
    return early == null;
  }

  /** True when both lines carry the same content (every field but {@code received_at}). */
  public boolean sameContent(long hi, long lo) {
    return contentHi == hi && contentLo == lo;
  }
}
