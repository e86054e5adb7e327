package dev.leakproof.core;

import java.util.Objects;

/**
 * A credential read from the environment (profiles.yml's {@code env_var}, a destination's credentials): it prints as {@code ****}
 * everywhere, so only {@link #reveal()} — called where the driver needs it — ever shows the value.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps a value; null and blank values are rejected so a secret is always something. */
  public static Secret of(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Invalid secret: blank (a secret must have a value)");
    }
    return new Secret(value);
  }

  /** The value itself, for handing to a driver; never log or print it. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  @Override
  public String toString() {
    return "****";
  }
}
