package dev.leakproof.connectors.stripe.emulator;

/**
 * Which rate limit meter event requests count against. Stripe gives live mode separate limits for
 * {@code /v1/billing/meter_events} (1,000 calls/s) and the v2 stream (10,000 events/s); in test mode
 * and sandboxes those calls count toward the basic limit instead.
 */
public enum MeterEventLimits {
  /** Live mode: meter events and stream events have their own buckets. */
  OWN_BUCKETS,
  /** Test mode: every meter event or stream request takes one token from the basic bucket. */
  SHARED_WITH_BASIC
}
