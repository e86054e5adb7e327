package dev.leakproof.core;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A subscription contract: seats at a monthly price that rises by the annual uplift at each
 * anniversary of start_date, an optional discount, and the handoff fields sales leaves for CS.
 * An auto-renewed contract keeps its row: end_date moves out and contract years keep counting.
 *
 * @param discountEndDate null when the discount never ends
 * @param seatUnitPrice per seat per month in the first contract year
 */
public record Contract(
    String contractId,
    String accountId,
    String planId,
    int priceVersion,
    LocalDate startDate,
    LocalDate endDate,
    int seatsLicensed,
    BigDecimal seatUnitPrice,
    String currency,
    BigDecimal annualUpliftPct,
    BigDecimal discountPct,
    LocalDate discountEndDate,
    boolean autoBillOverages,
    boolean autoRenew,
    String championName,
    String technicalScope,
    String closedRateNote) {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public Contract {
    Objects.requireNonNull(contractId, "contractId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(startDate, "startDate");
    Objects.requireNonNull(endDate, "endDate");
    Objects.requireNonNull(seatUnitPrice, "seatUnitPrice");
    Objects.requireNonNull(annualUpliftPct, "annualUpliftPct");
    Objects.requireNonNull(discountPct, "discountPct");
    if (endDate.isBefore(startDate)) {
      throw new IllegalArgumentException("Invalid end_date: " + endDate + " before start_date " + startDate
          + " (contract " + contractId + ")");
    }
    if (seatsLicensed < 0) {
      throw new IllegalArgumentException("Invalid seats_licensed: " + seatsLicensed + " (contract " + contractId + ")");
    }
    if (seatUnitPrice.signum() < 0) {
      throw new IllegalArgumentException("Invalid seat_unit_price: " + seatUnitPrice.toPlainString()
          + " (contract " + contractId + ")");
    }
    if (discountPct.signum() < 0 || discountPct.compareTo(HUNDRED) > 0) {
      throw new IllegalArgumentException("Invalid discount_pct: " + discountPct.toPlainString()
          + " (contract " + contractId + ")");
    }
  }

  public YearMonth startMonth() {
    return YearMonth.from(startDate);
  }

  public YearMonth endMonth() {
    return YearMonth.from(endDate);
  }

  /** True when the month lies between the start month and the end month, both included. */
  public boolean inTerm(YearMonth month) {
    return !month.isBefore(startMonth()) && !month.isAfter(endMonth());
  }

  /** True when the contract is in force on that day (start and end included). */
  public boolean inForceOn(LocalDate day) {
    return !day.isBefore(startDate) && !day.isAfter(endDate);
  }

  /** y(m): whole contract years elapsed at the start of the month. */
  public int contractYear(YearMonth month) {
    return Math.floorDiv((int) ChronoUnit.MONTHS.between(startMonth(), month), 12);
  }

  /** p(m): the contracted seat price of the month, uplift compounded at each anniversary, in cents. */
  public BigDecimal seatPrice(YearMonth month) {
    int years = Math.max(0, contractYear(month));
    BigDecimal factor = BigDecimal.ONE.add(annualUpliftPct.divide(HUNDRED)).pow(years);
    return Money.cents(seatUnitPrice.multiply(factor));
  }

  /** True when the discount applies to an invoice whose period starts on that day. */
  public boolean discountActiveFor(LocalDate periodStart) {
    return discountEndDate == null || periodStart.isBefore(discountEndDate);
  }

  /** The discount in force for the month: discount_pct of the licensed seats at p(m), in cents. */
  public BigDecimal discountInForce(YearMonth month) {
    if (!discountActiveFor(month.atDay(1))) {
      return Money.cents(BigDecimal.ZERO);
    }
    BigDecimal list = seatPrice(month).multiply(BigDecimal.valueOf(seatsLicensed));
    return Money.cents(discountPct.divide(HUNDRED).multiply(list));
  }

  /** The amount a correct monthly invoice bills for seats, after the discount in force. */
  public BigDecimal expectedMonthlyCharge(YearMonth month) {
    BigDecimal list = Money.cents(seatPrice(month).multiply(BigDecimal.valueOf(seatsLicensed)));
    return list.subtract(discountInForce(month));
  }

  /** True when the champion, technical scope and closed-rate note were all handed over. */
  public boolean handoffComplete() {
    return !isBlank(championName) && !isBlank(technicalScope) && !isBlank(closedRateNote);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
