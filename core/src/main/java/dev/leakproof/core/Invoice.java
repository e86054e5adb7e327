package dev.leakproof.core;

import java.time.LocalDate;
import java.util.Objects;

/** A monthly invoice of a contract; period_start is the first day of the billed month. */
public record Invoice(
    String invoiceId,
    String contractId,
    String accountId,
    LocalDate periodStart,
    LocalDate periodEnd,
    LocalDate issuedDate,
    InvoiceStatus status) {

  public Invoice {
    Objects.requireNonNull(invoiceId, "invoiceId");
    Objects.requireNonNull(contractId, "contractId");
    Objects.requireNonNull(periodStart, "periodStart");
    Objects.requireNonNull(status, "status");
  }
}
