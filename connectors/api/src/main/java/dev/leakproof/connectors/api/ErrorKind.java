package dev.leakproof.connectors.api;

/**
 * What a destination's error means for the sync engine, as in Kafka Connect and Iceberg: every
 * remote error code is mapped to one of these by one parser per destination.
 */
public enum ErrorKind {
  /** A passing fault (rate limit, lock, 5xx): retry with backoff; the row is not lost. */
  RETRIABLE,
  /** The row itself is unacceptable (invalid field, duplicate key): reject it with its reason, keep the rest. */
  ROW_INVALID,
  /** The sync cannot go on (bad credentials, unknown object): stop and say why. */
  PERMANENT,
  /** The outcome is unknown (timeout after sending): reconcile by idempotency key before re-sending. */
  STATE_UNKNOWN
}
