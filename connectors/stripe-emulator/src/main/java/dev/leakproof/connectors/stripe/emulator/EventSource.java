package dev.leakproof.connectors.stripe.emulator;

/** The endpoint a meter event arrived through. */
public enum EventSource {
  /** {@code POST /v1/billing/meter_events}. */
  V1,
  /** {@code POST /v2/billing/meter_events}. */
  V2,
  /** {@code POST /v2/billing/meter_event_stream}. */
  V2_STREAM
}
