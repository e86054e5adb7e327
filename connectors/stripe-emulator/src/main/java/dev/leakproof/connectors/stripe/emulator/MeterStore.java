package dev.leakproof.connectors.stripe.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Billing meters by id, plus the index every meter event goes through: the active meter of an
 * event name (event names are unique among active meters). Thread-safe.
 */
final class MeterStore {

  private final Registry<MeterSnapshot> registry = new Registry<>("billing.meter");
  private final Map<String, MeterSnapshot> activeByEventName = new ConcurrentHashMap<>();
  private final Map<String, MeterSnapshot> lastByEventName = new ConcurrentHashMap<>();

  Registry<MeterSnapshot> registry() {
    return registry;
  }

  /**
   * Adds an active meter.
   *
   * @throws ApiError 400 if an active meter already has its event name
   */
  synchronized void add(MeterSnapshot meter) {
    requireFreeEventName(meter.eventName(), meter.id());
    registry.put(meter.id(), meter);
    activeByEventName.put(meter.eventName(), meter);
    lastByEventName.put(meter.eventName(), meter);
  }

  /** Replaces a meter (status or display name change), keeping the event name index in step. */
  synchronized MeterSnapshot update(MeterSnapshot meter) {
    if (meter.active()) {
      requireFreeEventName(meter.eventName(), meter.id());
      activeByEventName.put(meter.eventName(), meter);
    } else {
      activeByEventName.remove(meter.eventName(), registry.get(meter.id()));
    }
    registry.put(meter.id(), meter);
    lastByEventName.put(meter.eventName(), meter);
    return meter;
  }

  MeterSnapshot active(String eventName) {
    return activeByEventName.get(eventName);
  }

  /** The most recently created or changed meter with this event name, active or not, or null. */
  MeterSnapshot any(String eventName) {
    return lastByEventName.get(eventName);
  }

  List<MeterSnapshot> all() {
    return registry.all();
  }

  synchronized void clear() {
    registry.clear();
    activeByEventName.clear();
    lastByEventName.clear();
  }

  private void requireFreeEventName(String eventName, String id) {
    MeterSnapshot other = activeByEventName.get(eventName);
    if (other != null && !other.id().equals(id)) {
      throw ApiError.invalid("resource_already_exists", "Invalid event_name: '" + eventName + "' is already the event name of active meter "
          + other.id() + " (event names are unique among active meters)", "event_name");
    }
  }

  static MeterSnapshot newMeter(String id, String eventName, String displayName, Aggregation aggregation, String customerKey,
      String valueKey, String eventTimeWindow, Instant now) {
    return new MeterSnapshot(id, eventName, displayName, aggregation, customerKey, valueKey, eventTimeWindow, "active", now, now, null);
  }
}
