package dev.leakproof.core;

/** The CSM's sentiment about an account, as recorded in the CRM. */
public enum CrmHealth {
  GREEN, YELLOW, RED;

  /** The lower-case code used in files. */
  public String code() {
    return WireEnum.code(this);
  }

  /** Parses a lower-case code; throws {@link IllegalArgumentException} naming the value. */
  public static CrmHealth fromCode(String code) {
    return WireEnum.parse(CrmHealth.class, "crm_health", code);
  }
}
