package dev.leakproof.datagen;

import dev.leakproof.core.Contract;
import dev.leakproof.core.InvoiceLine;
import dev.leakproof.core.LineType;
import dev.leakproof.core.Money;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * What one closed month of a contract bills, before it becomes invoice lines: correct by default
 * ({@link #correct}), then possibly altered by a planned billing leak or a billing leak shape.
 */
final class MonthDraft {

  final YearMonth month;
  boolean missing;
  int seats;
  BigDecimal seatPrice;
  /** The discount as a positive amount; zero for no discount line. */
  BigDecimal discount;
  final long[] overageQty = new long[Catalog.METRICS.length];
  /** An overage unit price other than the contract's, by metric (a leak shape); null for the contract's. */
  final BigDecimal[] overagePrice = new BigDecimal[Catalog.METRICS.length];
  int trueUp;
  BigDecimal trueUpPrice;

  private MonthDraft(YearMonth month) {
    this.month = month;
  }

  static MonthDraft correct(AccountPlan a, Contract c, YearMonth m, UsageStats usage) {
    MonthDraft d = new MonthDraft(m);
    d.seats = c.seatsLicensed();
    d.seatPrice = c.seatPrice(m);
    d.trueUpPrice = d.seatPrice;
    d.discount = c.discountInForce(m);
    for (int metric : Catalog.metricsOf(c.planId())) {
      long included = Catalog.row(c.planId(), c.priceVersion(), metric).included();
      d.overageQty[metric] = Math.max(0, usage.usage(a, m, metric) - included);
    }
    if (c.autoBillOverages()) {
      d.trueUp = Math.max(0, a.seatsUsed(m) - c.seatsLicensed());
    }
    return d;
  }

  boolean hasOverage() {
    for (long q : overageQty) {
      if (q > 0) {
        return true;
      }
    }
    return false;
  }

  List<InvoiceLine> lines(String invoiceId, Contract c) {
    List<InvoiceLine> lines = new ArrayList<>(4);
    lines.add(line(invoiceId, lines.size() + 1, LineType.SEATS, null, seats, seatPrice));
    if (discount.signum() > 0) {
      BigDecimal negative = discount.negate();
      lines.add(new InvoiceLine(invoiceId, lines.size() + 1, LineType.DISCOUNT, null, BigDecimal.ONE, negative, negative));
    }
    for (int metric = 0; metric < overageQty.length; metric++) {
      if (overageQty[metric] > 0) {
        BigDecimal price = overagePrice(c, metric);
        InvoiceLine l = line(invoiceId, lines.size() + 1, LineType.OVERAGE, Catalog.METRICS[metric],
            overageQty[metric], price);
        if (l.amount().signum() > 0) {
          lines.add(l);
        }
      }
    }
    if (trueUp > 0) {
      lines.add(line(invoiceId, lines.size() + 1, LineType.TRUE_UP, null, trueUp, trueUpPrice));
    }
    return lines;
  }

  /** Whether the month bills an overage line for the metric (a positive amount). */
  boolean billsOverage(Contract c, int metric) {
    if (overageQty[metric] == 0) {
      return false;
    }
    return Money.cents(BigDecimal.valueOf(overageQty[metric]).multiply(overagePrice(c, metric))).signum() > 0;
  }

  private BigDecimal overagePrice(Contract c, int metric) {
    return overagePrice[metric] != null ? overagePrice[metric]
        : Catalog.row(c.planId(), c.priceVersion(), metric).overagePrice();
  }

  private static InvoiceLine line(String invoiceId, int no, LineType type, String metric, long qty, BigDecimal price) {
    BigDecimal quantity = BigDecimal.valueOf(qty);
    return new InvoiceLine(invoiceId, no, type, metric, quantity, price, Money.cents(quantity.multiply(price)));
  }
}
