package dev.leakproof.core;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What a plan version includes of one metric each month, and the price of each unit above it.
 * A contract keeps the price version it was signed on (grandfathering).
 */
public record PriceBookEntry(
    String planId,
    int priceVersion,
    String metric,
    BigDecimal includedUnits,
    BigDecimal overageUnitPrice,
    LocalDate effectiveFrom) {

  public PriceBookEntry {
    Objects.requireNonNull(planId, "planId");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(includedUnits, "includedUnits");
    Objects.requireNonNull(overageUnitPrice, "overageUnitPrice");
    if (includedUnits.signum() < 0) {
      throw new IllegalArgumentException("Invalid included_units: " + includedUnits.toPlainString());
    }
    if (overageUnitPrice.signum() < 0) {
      throw new IllegalArgumentException("Invalid overage_unit_price: " + overageUnitPrice.toPlainString());
    }
  }
}
