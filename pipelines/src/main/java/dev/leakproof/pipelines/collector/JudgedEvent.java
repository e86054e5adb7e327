package dev.leakproof.pipelines.collector;

import dev.leakproof.core.EventStream;

/**
 * One event of a request after the collector's checks: what is written to Kafka (its topic's
 * stream, key and exact bytes) and what the client is told.
 *
 * @param key the record key: the workspace's account, else the workspace id, else the event id, else null
 * @param eventId the event's {@code event_id}, or null when it has none
 * @param rejection null when the event is accepted
 */
record JudgedEvent(int index, EventStream stream, String key, byte[] value, String eventId, Rejection rejection) {

  boolean accepted() {
    return rejection == null;
  }

  /** True unless the event is rejected as {@code event_too_large}. */
  boolean written() {
    return rejection == null || rejection.written();
  }
}
