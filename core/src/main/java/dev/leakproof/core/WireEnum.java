package dev.leakproof.core;

import java.util.Locale;

/** Helpers for enums written in lower case on the wire ({@code added}, {@code true_up}). */
final class WireEnum {

  private WireEnum() {}

  static String code(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  static <E extends Enum<E>> E parse(Class<E> type, String what, String code) {
    for (E e : type.getEnumConstants()) {
      if (code(e).equals(code)) {
        return e;
      }
    }
    throw new IllegalArgumentException("Invalid " + what + ": " + code);
  }
}
