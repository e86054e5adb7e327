package dev.leakproof.core;

/** Account segment in the CRM. */
public enum Segment {
  SMB, MID, ENTERPRISE;

  /** The lower-case code used in files. */
  public String code() {
    return WireEnum.code(this);
  }

  /** Parses a lower-case code; throws {@link IllegalArgumentException} naming the value. */
  public static Segment fromCode(String code) {
    return WireEnum.parse(Segment.class, "segment", code);
  }
}
