package dev.leakproof.sql.profile;

/**
 * profiles.yml cannot be found, read or understood; the message names the file, target and key,
 * and never contains a secret's value.
 */
public final class ProfileException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public ProfileException(String message) {
    super(message);
  }

  public ProfileException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code Invalid key: value (profiles.yml, target t; why)}. */
  static ProfileException invalid(String key, Object value, String target, String why) {
    return new ProfileException("Invalid " + key + ": " + value + " (" + where(target) + "; " + why + ")");
  }

  /** {@code Missing key: key (profiles.yml, target t)}. */
  static ProfileException missing(String key, String target) {
    return new ProfileException("Missing key: " + key + " (" + where(target) + ")");
  }

  static String where(String target) {
    return "profiles.yml, target " + target;
  }
}
