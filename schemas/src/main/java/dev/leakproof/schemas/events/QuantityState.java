package dev.leakproof.schemas.events;

/** What the decoder found in a usage event's {@code quantity} field. */
public enum QuantityState {
  /** A finite JSON number, zero or more. */
  VALID,
  /** Absent, null or empty: the line is quarantined as {@code missing_field}. */
  ABSENT,
  /** A string, boolean, object or array: {@code invalid_quantity}. */
  NOT_A_NUMBER,
  /** A number below zero: {@code invalid_quantity}. */
  NEGATIVE,
  /** NaN, an infinity, or a float too large for a double: {@code invalid_quantity}. */
  NOT_FINITE,
  /**
   * More than {@value EventLineDecoder#QUANTITY_SCALE} decimals or
   * {@value EventLineDecoder#QUANTITY_INTEGER_DIGITS} integer digits: it can't be stored exactly,
   * so it is quarantined as {@code invalid_quantity} rather than silently rounded.
   */
  OUT_OF_RANGE
}
