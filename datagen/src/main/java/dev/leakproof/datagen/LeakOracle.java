package dev.leakproof.datagen;

import dev.leakproof.core.Contract;
import dev.leakproof.core.InvoiceLine;
import dev.leakproof.core.InvoiceStatus;
import dev.leakproof.core.LeakType;
import dev.leakproof.core.LineType;
import dev.leakproof.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the leak rules of spec section 4 to what the generator itself produced (contracts, the
 * invoices it wrote, usage and seats as hygiene will count them), so injected_leaks.csv lists each
 * expected finding with its months and amount. It reads generator state, never the files.
 */
final class LeakOracle {

  private static final BigDecimal TWELVE = BigDecimal.valueOf(12);

  private final LocalDate asOf;
  private final YearMonth asOfMonth;
  private final YearMonth lastClosed;
  private final UsageStats usage;

  LeakOracle(GeneratorConfig config, UsageStats usage) {
    this.asOf = config.asOf();
    this.asOfMonth = YearMonth.from(asOf);
    this.lastClosed = asOfMonth.minusMonths(1);
    this.usage = usage;
  }

  List<InjectedLeak> evaluate(AccountPlan a, List<InvoiceBuilder.Bill> bills) {
    Map<String, List<InvoiceLine>> billed = new HashMap<>();
    for (InvoiceBuilder.Bill b : bills) {
      if (b.invoice().status() != InvoiceStatus.VOID) {
        billed.computeIfAbsent(b.invoice().contractId() + "|" + b.invoice().periodStart(), k -> new ArrayList<>())
            .addAll(b.lines());
      }
    }
    LeakTally f = new LeakTally(a.id);
    for (Contract c : a.contracts) {
      YearMonth last = c.endMonth().isBefore(lastClosed) ? c.endMonth() : lastClosed;
      for (YearMonth m = c.startMonth(); !m.isAfter(last); m = m.plusMonths(1)) {
        month(a, c, m, billed.get(c.contractId() + "|" + m.atDay(1)), f);
      }
      contractSignals(a, c, f);
    }
    decline(a, f);
    return f.list();
  }

  private void month(AccountPlan a, Contract c, YearMonth m, List<InvoiceLine> lines, LeakTally f) {
    BigDecimal p = c.seatPrice(m);
    BigDecimal licensed = BigDecimal.valueOf(c.seatsLicensed());
    if (lines == null) {
      f.add(LeakType.MISSING_INVOICE, c, null, m, c.expectedMonthlyCharge(m));
      lines = List.of();
    }
    BigDecimal qty = sum(lines, LineType.SEATS, null, true);
    BigDecimal amount = sum(lines, LineType.SEATS, null, false);
    if (qty.signum() > 0) {
      if (qty.compareTo(licensed) < 0) {
        f.add(LeakType.SEAT_COUNT_MISMATCH, c, null, m, licensed.subtract(qty).multiply(p));
      }
      BigDecimal billedPrice = amount.divide(qty, 10, RoundingMode.HALF_UP);
      if (earlierYearPrice(c, m, billedPrice)) {
        f.add(LeakType.RENEWAL_UPLIFT_MISSED, c, null, m, p.subtract(billedPrice).multiply(qty));
      } else if (billedPrice.compareTo(p.subtract(Money.HALF_CENT)) < 0) {
        f.add(LeakType.RATE_MISMATCH, c, null, m, p.subtract(billedPrice).multiply(qty));
      }
      if (billedPrice.compareTo(p.add(Money.HALF_CENT)) > 0) {
        f.add(LeakType.OVERBILLED, c, null, m, billedPrice.subtract(p).multiply(qty));
      }
    }
    BigDecimal discount = sum(lines, LineType.DISCOUNT, null, false).abs();
    if (discount.signum() > 0) {
      if (!c.discountActiveFor(m.atDay(1))) {
        f.add(LeakType.EXPIRED_DISCOUNT_APPLIED, c, null, m, discount);
      } else if (discount.compareTo(c.discountInForce(m).add(Money.HALF_CENT)) > 0) {
        f.add(LeakType.DISCOUNT_OVERAPPLIED, c, null, m, discount.subtract(c.discountInForce(m)));
      }
    }
    if (c.autoBillOverages()) {
      int missing = a.seatsUsed(m) - c.seatsLicensed() - sum(lines, LineType.TRUE_UP, null, true).intValue();
      if (missing > 0) {
        f.add(LeakType.SEAT_TRUE_UP, c, null, m, p.multiply(BigDecimal.valueOf(missing)));
      }
    }
    for (int metric : Catalog.metricsOf(c.planId())) {
      Catalog.Row row = Catalog.row(c.planId(), c.priceVersion(), metric);
      long excess = Math.max(0, usage.usage(a, m, metric) - row.included());
      BigDecimal expected = Money.cents(BigDecimal.valueOf(excess).multiply(row.overagePrice()));
      BigDecimal gap = expected.subtract(sum(lines, LineType.OVERAGE, Catalog.METRICS[metric], false));
      if (gap.compareTo(Money.HALF_CENT) > 0) {
        f.add(LeakType.UNBILLED_OVERAGE, c, Catalog.METRICS[metric], m, gap);
      }
    }
  }

  private static boolean earlierYearPrice(Contract c, YearMonth m, BigDecimal billed) {
    if (c.annualUpliftPct().signum() <= 0) {
      return false;
    }
    for (int y = 0; y < c.contractYear(m); y++) {
      BigDecimal earlier = c.seatPrice(c.startMonth().plusMonths(12L * y));
      if (earlier.subtract(billed).abs().compareTo(Money.HALF_CENT) <= 0) {
        return true;
      }
    }
    return false;
  }

  private void contractSignals(AccountPlan a, Contract c, LeakTally f) {
    BigDecimal licensed = BigDecimal.valueOf(c.seatsLicensed());
    if (!c.autoBillOverages() && c.inTerm(lastClosed) && a.seatsUsed(lastClosed) > c.seatsLicensed()) {
      BigDecimal extra = BigDecimal.valueOf(a.seatsUsed(lastClosed) - c.seatsLicensed());
      f.add(LeakType.EXPANSION_OPPORTUNITY, c, null, lastClosed, extra.multiply(c.seatPrice(lastClosed)).multiply(TWELVE));
    }
    LocalDate end = c.endDate();
    boolean contacted = a.lastContact != null && !a.lastContact.isBefore(asOf.minusDays(30));
    if (end.isAfter(asOf) && !end.isAfter(asOf.plusDays(90)) && !contacted) {
      BigDecimal next = c.seatPrice(c.endMonth().plusMonths(1));
      f.add(LeakType.RENEWAL_AT_RISK, c, null, c.endMonth(), licensed.multiply(next).multiply(TWELVE));
    }
    LocalDate start = c.startDate();
    if (!start.isBefore(asOf.minusDays(180)) && !start.isAfter(asOf) && !c.handoffComplete()) {
      f.add(LeakType.HANDOFF_INCOMPLETE, c, null, c.startMonth(), BigDecimal.ZERO);
    }
  }

  private void decline(AccountPlan a, LeakTally f) {
    for (int metric = 0; metric < Catalog.METRICS.length; metric++) {
      long prev = usage.prevWindow(a, metric);
      long last = usage.lastWindow(a, metric);
      if (prev >= 100 && last * 5 <= prev * 4) {
        BigDecimal arr = BigDecimal.ZERO;
        for (Contract c : a.contracts) {
          if (c.inForceOn(asOf)) {
            arr = arr.add(BigDecimal.valueOf(c.seatsLicensed()).multiply(c.seatPrice(asOfMonth)).multiply(TWELVE));
          }
        }
        f.add(LeakType.USAGE_DECLINE, null, null, asOfMonth, arr);
        return;
      }
    }
  }

  private static BigDecimal sum(List<InvoiceLine> lines, LineType type, String metric, boolean quantity) {
    BigDecimal total = BigDecimal.ZERO;
    for (InvoiceLine l : lines) {
      if (l.lineType() == type && (metric == null || metric.equals(l.metric()))) {
        total = total.add(quantity ? l.quantity() : l.amount());
      }
    }
    return total;
  }
}
