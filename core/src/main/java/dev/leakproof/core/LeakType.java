package dev.leakproof.core;

/**
 * The finding types of spec section 4, each with its kind and whether it is raised per contract
 * (one finding per contract and metric, summed over closed months) or per account.
 */
public enum LeakType {
  MISSING_INVOICE(FindingKind.LEAKAGE, Level.CONTRACT),
  SEAT_COUNT_MISMATCH(FindingKind.LEAKAGE, Level.CONTRACT),
  RENEWAL_UPLIFT_MISSED(FindingKind.LEAKAGE, Level.CONTRACT),
  RATE_MISMATCH(FindingKind.LEAKAGE, Level.CONTRACT),
  OVERBILLED(FindingKind.DISPUTE_RISK, Level.CONTRACT),
  EXPIRED_DISCOUNT_APPLIED(FindingKind.LEAKAGE, Level.CONTRACT),
  DISCOUNT_OVERAPPLIED(FindingKind.LEAKAGE, Level.CONTRACT),
  SEAT_TRUE_UP(FindingKind.LEAKAGE, Level.CONTRACT),
  UNBILLED_OVERAGE(FindingKind.LEAKAGE, Level.CONTRACT),
  EXPANSION_OPPORTUNITY(FindingKind.OPPORTUNITY, Level.CONTRACT),
  RENEWAL_AT_RISK(FindingKind.RISK, Level.CONTRACT),
  USAGE_DECLINE(FindingKind.RISK, Level.ACCOUNT),
  HANDOFF_INCOMPLETE(FindingKind.PROCESS, Level.CONTRACT);

  /** Whether a finding names a contract or only an account. */
  public enum Level { CONTRACT, ACCOUNT }

  private final FindingKind kind;
  private final Level level;

  LeakType(FindingKind kind, Level level) {
    this.kind = kind;
    this.level = level;
  }

  public FindingKind kind() {
    return kind;
  }

  public Level level() {
    return level;
  }

  /** The lower-case code used in findings.csv: {@code seat_true_up}. */
  public String code() {
    return WireEnum.code(this);
  }

  /** Parses a lower-case code. */
  public static LeakType fromCode(String code) {
    return WireEnum.parse(LeakType.class, "leak_type", code);
  }
}
