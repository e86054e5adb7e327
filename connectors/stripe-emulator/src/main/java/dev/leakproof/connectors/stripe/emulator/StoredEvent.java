package dev.leakproof.connectors.stripe.emulator;

import java.time.Instant;

/**
 * A meter event as kept in memory: small and flat, because the stream stores millions. The payload is
 * not kept; the cancellation fields are guarded by the {@link EventStore} lock.
 */
final class StoredEvent {

  final String identifier;
  final String eventName;
  final String meterId;
  final String customerId;
  final long value;
  final long timestampMillis;
  final long createdMillis;
  final long receivedNanos;
  final EventSource source;
  boolean cancelled;
  long cancelledNanos;
  long cancelledAtMillis;

  StoredEvent(String identifier, String eventName, String meterId, String customerId, long value, long timestampMillis,
      long createdMillis, long receivedNanos, EventSource source) {
    this.identifier = identifier;
    this.eventName = eventName;
    this.meterId = meterId;
    this.customerId = customerId;
    this.value = value;
    this.timestampMillis = timestampMillis;
    this.createdMillis = createdMillis;
    this.receivedNanos = receivedNanos;
    this.source = source;
  }

  /** Whether summaries taken at {@code nowNanos} with this delay count the event (received and not cancelled, both reflected). */
  boolean visible(long nowNanos, long delayNanos) {
    return nowNanos - receivedNanos >= delayNanos && !(cancelled && nowNanos - cancelledNanos >= delayNanos);
  }

  MeterEventSnapshot snapshot() {
    return new MeterEventSnapshot(identifier, eventName, meterId, customerId, value, Instant.ofEpochMilli(timestampMillis),
        Instant.ofEpochMilli(createdMillis), cancelled ? Instant.ofEpochMilli(cancelledAtMillis) : null, source);
  }
}
