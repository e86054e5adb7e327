package dev.leakproof.core;

/** Status of an invoice; void invoices are ignored by every leak rule. */
public enum InvoiceStatus {
  PAID, OPEN, VOID;

  /** The lower-case code used in files. */
  public String code() {
    return WireEnum.code(this);
  }

  /** Parses a lower-case code; throws {@link IllegalArgumentException} naming the value. */
  public static InvoiceStatus fromCode(String code) {
    return WireEnum.parse(InvoiceStatus.class, "invoice status", code);
  }
}
