package dev.leakproof.connectors.stripe.emulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * An invoice item as the emulator holds it (always pending: the emulator issues no invoices).
 *
 * @param amount total in the currency's minor units; negative for credits
 * @param unitAmountDecimal amount per unit in minor units
 */
public record InvoiceItemSnapshot(String id, String customerId, long amount, String currency, String description,
    BigDecimal unitAmountDecimal, long quantity, Instant periodStart, Instant periodEnd, Map<String, String> metadata,
    boolean discountable, Instant created) {
}
