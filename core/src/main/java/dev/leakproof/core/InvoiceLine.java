package dev.leakproof.core;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of an invoice.
 *
 * @param metric set on overage lines only
 * @param amount negative for discount and credit lines
 */
public record InvoiceLine(
    String invoiceId,
    int lineNo,
    LineType lineType,
    String metric,
    BigDecimal quantity,
    BigDecimal unitPrice,
    BigDecimal amount) {

  public InvoiceLine {
    Objects.requireNonNull(invoiceId, "invoiceId");
    Objects.requireNonNull(lineType, "lineType");
    Objects.requireNonNull(amount, "amount");
  }
}
