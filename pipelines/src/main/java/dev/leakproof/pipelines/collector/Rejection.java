package dev.leakproof.pipelines.collector;

import dev.leakproof.core.QuarantineReason;

/**
 * Why the collector rejected one event: a quarantine reason of the spec (the event is still
 * written, for the job to quarantine) or {@value #EVENT_TOO_LARGE} (not written), with a one-line
 * detail naming the field and value.
 */
record Rejection(String reason, String detail) {

  static final String EVENT_TOO_LARGE = "event_too_large";

  static Rejection of(QuarantineReason reason, String detail) {
    return new Rejection(reason.code(), detail);
  }

  /** False for the rejections whose events are not written to Kafka. */
  boolean written() {
    return !EVENT_TOO_LARGE.equals(reason);
  }
}
