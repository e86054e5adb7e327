package dev.leakproof.connectors.stripe;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Set;

/**
 * Money in Stripe's minor units: cents for most currencies, whole units for Stripe's
 * zero-decimal ones, thousandths for its three-decimal ones; rounded half up, the rounding
 * Leakproof's SQL uses for cents.
 */
public final class Currencies {

  private static final Set<String> ZERO_DECIMAL = Set.of("bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga",
      "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf");
  private static final Set<String> THREE_DECIMAL = Set.of("bhd", "jod", "kwd", "omr", "tnd");

  private Currencies() {}

  /** Stripe's lower-case ISO code. */
  public static String code(String currency) {
    if (currency == null || !currency.trim().matches("[A-Za-z]{3}")) {
      throw new IllegalArgumentException("Invalid currency: " + currency + " (a three-letter ISO code)");
    }
    return currency.trim().toLowerCase(Locale.ROOT);
  }

  public static int decimals(String currency) {
    String c = code(currency);
    return ZERO_DECIMAL.contains(c) ? 0 : THREE_DECIMAL.contains(c) ? 3 : 2;
  }

  /** {@code 12.345 USD -> 1235}. */
  public static long toMinor(BigDecimal amount, String currency) {
    return amount.movePointRight(decimals(currency)).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  /** {@code 1235 USD -> 12.35}. */
  public static BigDecimal fromMinor(long minor, String currency) {
    return BigDecimal.valueOf(minor).movePointLeft(decimals(currency));
  }
}
