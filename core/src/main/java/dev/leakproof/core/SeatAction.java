package dev.leakproof.core;

/** A seat event's action: a user becomes active when added, inactive when removed. */
public enum SeatAction {
  ADDED, REMOVED;

  /** The lower-case code used in files. */
  public String code() {
    return WireEnum.code(this);
  }

  /** Parses a lower-case code; throws {@link IllegalArgumentException} naming the value. */
  public static SeatAction fromCode(String code) {
    return WireEnum.parse(SeatAction.class, "action", code);
  }
}
