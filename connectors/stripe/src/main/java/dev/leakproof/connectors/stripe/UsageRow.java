package dev.leakproof.connectors.stripe;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One row of the billing usage model as the Stripe writer reads it: the whole units of one
 * account, metric and UTC day, the Stripe customer and meter they are billed to, and the price
 * used when they must be billed as an invoice item.
 *
 * @param unitAmount price per unit in major units (0.0020 USD), or null when none applies
 */
public record UsageRow(String usageKey, String accountId, String customerId, String metric, String eventName,
    LocalDate day, long quantity, BigDecimal unitAmount, String currency) {

  /** The sync's field names for the usage model (mappings' {@code to}). */
  public static final String KEY = "usage_key";
  public static final String ACCOUNT = "account";
  public static final String CUSTOMER = "customer";
  public static final String METRIC = "metric";
  public static final String DAY = "day";
  public static final String QUANTITY = "quantity";
  public static final String UNIT_AMOUNT = "unit_amount";
  public static final String CURRENCY = "currency";

  public UsageRow {
    Objects.requireNonNull(usageKey, "usageKey");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(day, "day");
  }

  /**
   * Reads a record's fields.
   *
   * @throws IllegalArgumentException naming the field and value that cannot be billed
   */
  public static UsageRow of(String key, Map<String, Object> fields, String eventName) {
    String day = text(fields, DAY, key);
    String quantity = text(fields, QUANTITY, key);
    long units;
    try {
      units = new BigDecimal(quantity).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("Invalid quantity: " + quantity + " (usage " + key
          + "; Stripe meters take whole units)");
    }
    if (units < 0) {
      throw new IllegalArgumentException("Invalid quantity: " + units + " (usage " + key + "; negative)");
    }
    Object price = fields.get(UNIT_AMOUNT);
    Object customer = fields.get(CUSTOMER);
    if (customer == null || customer.toString().isBlank()) {
      throw new IllegalArgumentException("Cannot bill usage " + key + ": no Stripe customer for account "
          + fields.get(ACCOUNT) + " (stripe.customers)");
    }
    Object currency = fields.get(CURRENCY);
    return new UsageRow(key, fields.get(ACCOUNT) == null ? null : fields.get(ACCOUNT).toString(), customer.toString(),
        text(fields, METRIC, key), eventName, LocalDate.parse(day), units,
        price == null ? null : new BigDecimal(price.toString()), currency == null ? null : currency.toString());
  }

  private static String text(Map<String, Object> fields, String name, String key) {
    Object v = fields.get(name);
    if (v == null || v.toString().isBlank()) {
      throw new IllegalArgumentException("Invalid usage " + key + ": field " + name + " is empty");
    }
    return v.toString();
  }
}
