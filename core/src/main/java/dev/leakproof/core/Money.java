package dev.leakproof.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Money arithmetic and formatting: amounts are {@link BigDecimal} in currency units, rounded to
 * cents half-up (commercial rounding), never {@code double}.
 */
public final class Money {

  /** Cents: the scale of every amount Leakproof reports. */
  public static final int SCALE = 2;

  /** Half a cent: the tolerance the leak rules use to compare prices. */
  public static final BigDecimal HALF_CENT = new BigDecimal("0.005");

  private Money() {}

  /** Rounds an amount to cents, half-up. */
  public static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(SCALE, RoundingMode.HALF_UP);
  }

  /** The amount with two decimals and no grouping, as written to CSV: {@code 4275.00}. */
  public static String plain(BigDecimal amount) {
    return cents(amount).toPlainString();
  }

  /** The amount with grouping, as a person reads it: {@code 4,275.00}. */
  public static String format(BigDecimal amount) {
    DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
    format.setRoundingMode(RoundingMode.HALF_UP);
    return format.format(cents(amount));
  }

  /** The amount with its ISO currency code: {@code USD 4,275.00}. */
  public static String format(BigDecimal amount, String currency) {
    return currency + " " + format(amount);
  }
}
