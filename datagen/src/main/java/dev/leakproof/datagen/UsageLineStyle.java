package dev.leakproof.datagen;

/**
 * How a usage line is rendered: a well-formed event, or one of the broken shapes that hygiene
 * must quarantine (each breaks exactly one rule, so its quarantine reason is unambiguous).
 */
enum UsageLineStyle {
  NORMAL,
  TRUNCATED,
  ARRAY,
  NO_WORKSPACE,
  NULL_METRIC,
  EMPTY_OCCURRED_AT,
  NO_EVENT_ID,
  QUANTITY_AS_STRING,
  NEGATIVE_QUANTITY,
  NO_OFFSET,
  SPACE_NO_OFFSET,
  GARBAGE_TIMESTAMP;

  static final UsageLineStyle[] VALUES = values();
}
