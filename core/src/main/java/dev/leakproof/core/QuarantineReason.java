package dev.leakproof.core;

/**
 * Why an event line was quarantined, in the order the hygiene rules check them (spec section 2):
 * the first reason that applies is the one recorded.
 */
public enum QuarantineReason {
  MALFORMED_JSON("malformed_json"),
  MISSING_FIELD("missing_field"),
  DUPLICATE_CONFLICT("duplicate_conflict"),
  INVALID_QUANTITY("invalid_quantity"),
  INVALID_ACTION("invalid_action"),
  INVALID_TIMESTAMP("invalid_timestamp"),
  FUTURE_TIMESTAMP("future_timestamp"),
  UNKNOWN_WORKSPACE("unknown_workspace"),
  UNKNOWN_METRIC("unknown_metric"),
  ORPHAN_CORRECTION("orphan_correction"),
  CORRECTION_MISMATCH("correction_mismatch");

  private final String code;

  QuarantineReason(String code) {
    this.code = code;
  }

  /** The code written to quarantine.csv and capture.json. */
  public String code() {
    return code;
  }

  /** Parses a code such as {@code unknown_metric}. */
  public static QuarantineReason fromCode(String code) {
    for (QuarantineReason r : values()) {
      if (r.code.equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException("Invalid quarantine reason: " + code);
  }
}
