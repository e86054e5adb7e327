package dev.leakproof.connectors.stripe;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One row of the billing usage model as the Stripe writer reads it: the whole units of one
 * account, metric and UTC day, the Stripe customer and meter they are billed to, and the price
 * used when they must be billed as an invoice item. A row with {@link BillAs#INVOICE_ITEM} (a
 * correction record of usage received after its month closed) is always billed as an invoice
 * item, and its units may be negative (a credit).
 *
 * @param unitAmount price per unit in major units (0.0020 USD), or null when none applies
 * @param usageMonth the first day of the month the usage belongs to, or null when not known
 * @param description the evidence an invoice item of the row starts with, or null for the default
 */
public record UsageRow(String usageKey, String accountId, String customerId, String metric, String eventName,
    LocalDate day, long quantity, BigDecimal unitAmount, String currency, BillAs billAs, LocalDate usageMonth,
    String description) {

  /** How the row's units reach Stripe (column bill_as). */
  public enum BillAs {
    /** Meter events while the day is inside Stripe's 35-day window, else invoice items. */
    METER,
    /** Always an invoice item at the unit amount. */
    INVOICE_ITEM;

    /**
     * @throws IllegalArgumentException naming the value when it is neither meter nor invoice_item
     */
    static BillAs parse(Object value, String key) {
      if (value == null || value.toString().isBlank()) {
        return METER;
      }
      return switch (value.toString().trim().toLowerCase(java.util.Locale.ROOT)) {
        case "meter" -> METER;
        case "invoice_item" -> INVOICE_ITEM;
        default -> throw new IllegalArgumentException("Invalid bill_as: " + value + " (usage " + key
            + "; meter or invoice_item)");
      };
    }
  }

  /** The sync's field names for the usage model (mappings' {@code to}). */
  public static final String KEY = "usage_key";
  public static final String ACCOUNT = "account";
  public static final String CUSTOMER = "customer";
  public static final String METRIC = "metric";
  public static final String DAY = "day";
  public static final String QUANTITY = "quantity";
  public static final String UNIT_AMOUNT = "unit_amount";
  public static final String CURRENCY = "currency";
  /** Optional fields: older syncs that do not map them bill every row as {@link BillAs#METER}. */
  public static final String BILL_AS = "bill_as";
  public static final String USAGE_MONTH = "usage_month";
  public static final String DESCRIPTION = "description";

  public UsageRow {
    Objects.requireNonNull(usageKey, "usageKey");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(day, "day");
    billAs = billAs == null ? BillAs.METER : billAs;
  }

  /** A day's row billed through the meter. */
  public UsageRow(String usageKey, String accountId, String customerId, String metric, String eventName,
      LocalDate day, long quantity, BigDecimal unitAmount, String currency) {
    this(usageKey, accountId, customerId, metric, eventName, day, quantity, unitAmount, currency, BillAs.METER, null,
        null);
  }

  /** Whether the row is always billed as an invoice item. */
  public boolean invoiceItemOnly() {
    return billAs == BillAs.INVOICE_ITEM;
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
    BillAs billAs = BillAs.parse(fields.get(BILL_AS), key);
    if (units < 0 && billAs == BillAs.METER) {
      throw new IllegalArgumentException("Invalid quantity: " + units + " (usage " + key + "; negative)");
    }
    Object price = fields.get(UNIT_AMOUNT);
    Object customer = fields.get(CUSTOMER);
    if (customer == null || customer.toString().isBlank()) {
      throw new IllegalArgumentException("Cannot bill usage " + key + ": no Stripe customer for account "
          + fields.get(ACCOUNT) + " (stripe.customers)");
    }
    Object currency = fields.get(CURRENCY);
    Object month = fields.get(USAGE_MONTH);
    Object description = fields.get(DESCRIPTION);
    return new UsageRow(key, fields.get(ACCOUNT) == null ? null : fields.get(ACCOUNT).toString(), customer.toString(),
        text(fields, METRIC, key), eventName, LocalDate.parse(day), units,
        price == null ? null : new BigDecimal(price.toString()), currency == null ? null : currency.toString(),
        billAs, month == null || month.toString().isBlank() ? null : LocalDate.parse(month.toString().substring(0, 10)),
        description == null || description.toString().isBlank() ? null : description.toString());
  }

  private static String text(Map<String, Object> fields, String name, String key) {
    Object v = fields.get(name);
    if (v == null || v.toString().isBlank()) {
      throw new IllegalArgumentException("Invalid usage " + key + ": field " + name + " is empty");
    }
    return v.toString();
  }
}
