package dev.leakproof.core;

/** Kind of an invoice line; discount and credit lines carry negative amounts. */
public enum LineType {
  SEATS, DISCOUNT, OVERAGE, TRUE_UP, CREDIT;

  /** The lower-case code used in files. */
  public String code() {
    return WireEnum.code(this);
  }

  /** Parses a lower-case code; throws {@link IllegalArgumentException} naming the value. */
  public static LineType fromCode(String code) {
    return WireEnum.parse(LineType.class, "line_type", code);
  }
}
