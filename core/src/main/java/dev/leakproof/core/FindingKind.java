package dev.leakproof.core;

/** What a finding means for the business: money lost, money at stake, or a process gap. */
public enum FindingKind {
  /** Revenue earned and not billed: recoverable now. */
  LEAKAGE,
  /** Billed above contract: a dispute or credit waiting to happen. */
  DISPUTE_RISK,
  /** Revenue the contract allows to be won (seats above licence, not auto-billed). */
  OPPORTUNITY,
  /** Revenue at stake (a renewal or an account in decline). */
  RISK,
  /** A process gap with no amount (an incomplete sales-to-CS handoff). */
  PROCESS;

  /** The lower-case code used in findings.csv. */
  public String code() {
    return WireEnum.code(this);
  }

  /** Parses a lower-case code. */
  public static FindingKind fromCode(String code) {
    return WireEnum.parse(FindingKind.class, "finding kind", code);
  }
}
