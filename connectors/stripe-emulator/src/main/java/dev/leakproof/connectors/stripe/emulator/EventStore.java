package dev.leakproof.connectors.stripe.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every stored meter event: by identifier (unique within 24 hours of receipt), by meter and customer
 * (what summaries read), and in arrival order; plus cancellations and the errors of dropped stream
 * events. One lock; each operation is short. Thread-safe.
 */
final class EventStore {

  static final long DAY_MILLIS = Duration.ofHours(24).toMillis();
  /** Errors kept for inspection; older ones are dropped (and still counted). */
  static final int MAX_ERRORS = 100_000;

  private final Map<String, StoredEvent> byIdentifier = new HashMap<>();
  private final Map<String, List<StoredEvent>> bySeries = new HashMap<>();
  private final List<StoredEvent> all = new ArrayList<>();
  private final List<Adjustment> adjustments = new ArrayList<>();
  private final Deque<MeterEventError> errors = new ArrayDeque<>();
  private long errorCount;

  /** A cancellation: which event, when, and through which API. */
  record Adjustment(String id, String eventName, String identifier, long createdMillis, long createdNanos, EventSource source) {
  }

  static String series(String meterId, String customerId) {
    return meterId + '\u0000' + customerId;
  }

  /** Stores the event, or returns false when its identifier was received less than 24 hours before it. */
  synchronized boolean insert(StoredEvent e) {
    StoredEvent previous = byIdentifier.get(e.identifier);
    if (previous != null && e.createdMillis - previous.createdMillis < DAY_MILLIS) {
      return false;
    }
    byIdentifier.put(e.identifier, e);
    bySeries.computeIfAbsent(series(e.meterId, e.customerId), k -> new ArrayList<>()).add(e);
    all.add(e);
    return true;
  }

  /**
   * Cancels the event with this identifier.
   *
   * @throws ApiError 400 if there is no such event for the event name, it was received 24 hours ago or
   *     more, or it is already cancelled
   */
  synchronized Adjustment cancel(String eventName, String identifier, String adjustmentId, long nowMillis, long nowNanos,
      EventSource source) {
    StoredEvent e = byIdentifier.get(identifier);
    if (e == null || !e.eventName.equals(eventName)) {
      throw ApiError.invalid("resource_missing", "Invalid cancel[identifier]: no meter event with identifier '" + identifier
          + "' and event_name '" + eventName + "'", "cancel[identifier]");
    }
    if (nowMillis - e.createdMillis >= DAY_MILLIS) {
      throw ApiError.invalid("meter_event_cancel_window_expired", "Cannot cancel meter event '" + identifier
          + "': only events received in the last 24 hours can be canceled (received " + Instant.ofEpochMilli(e.createdMillis) + ")",
          "cancel[identifier]");
    }
    if (e.cancelled) {
      throw ApiError.invalid("meter_event_already_canceled", "Cannot cancel meter event '" + identifier
          + "': the event has already been canceled.", "cancel[identifier]");
    }
    e.cancelled = true;
    e.cancelledNanos = nowNanos;
    e.cancelledAtMillis = nowMillis;
    Adjustment a = new Adjustment(adjustmentId, eventName, identifier, nowMillis, nowNanos, source);
    adjustments.add(a);
    return a;
  }

  /** The events of one meter and customer, in arrival order (a copy). */
  synchronized List<StoredEvent> series(String meterId, String customerId, long fromMillis, long toMillis) {
    List<StoredEvent> out = new ArrayList<>();
    for (StoredEvent e : bySeries.getOrDefault(series(meterId, customerId), List.of())) {
      if (e.timestampMillis >= fromMillis && e.timestampMillis < toMillis) {
        out.add(e);
      }
    }
    return out;
  }

  synchronized List<MeterEventSnapshot> snapshots() {
    List<MeterEventSnapshot> out = new ArrayList<>(all.size());
    all.forEach(e -> out.add(e.snapshot()));
    return out;
  }

  /** Runs {@code visitor} over every event under the lock; it must be quick and must not call back. */
  synchronized void forEach(Consumer<StoredEvent> visitor) {
    all.forEach(visitor);
  }

  synchronized List<Adjustment> adjustments() {
    return List.copyOf(adjustments);
  }

  synchronized void error(MeterEventError error) {
    errorCount++;
    if (errors.size() == MAX_ERRORS) {
      errors.removeFirst();
    }
    errors.addLast(error);
  }

  synchronized List<MeterEventError> errors() {
    return List.copyOf(errors);
  }

  synchronized long errorCount() {
    return errorCount;
  }

  synchronized int size() {
    return all.size();
  }

  synchronized void clear() {
    byIdentifier.clear();
    bySeries.clear();
    all.clear();
    adjustments.clear();
    errors.clear();
    errorCount = 0;
  }
}
