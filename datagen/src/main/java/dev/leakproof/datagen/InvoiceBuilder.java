package dev.leakproof.datagen;

import dev.leakproof.core.Contract;
import dev.leakproof.core.Invoice;
import dev.leakproof.core.InvoiceLine;
import dev.leakproof.core.InvoiceStatus;
import dev.leakproof.core.LeakType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Bills every closed month of every contract, issued on the 1st of the next month: seats at p(m),
 * the discount in force, overage from the usage actually generated, true-ups from seats used.
 * Planned billing leaks, or a billing leak shape of a rule-clean account (whose labels go to
 * {@link ShapeLabels}), then alter the account's current contract. A few invoices are voided and
 * re-issued (not a leak); recent ones are still open.
 */
final class InvoiceBuilder {

  /** An invoice with its lines. */
  record Bill(Invoice invoice, List<InvoiceLine> lines) {}

  private final long seed;
  private final LocalDate asOf;
  private final YearMonth lastClosed;
  private final UsageStats usage;
  private final ShapeLabels labels;
  private final Map<String, Long> noise = new LinkedHashMap<>();
  private int invoiceNo;

  InvoiceBuilder(GeneratorConfig config, UsageStats usage, ShapeLabels labels) {
    this.seed = config.seed();
    this.asOf = config.asOf();
    this.lastClosed = YearMonth.from(asOf).minusMonths(1);
    this.usage = usage;
    this.labels = labels;
    noise.put("void_reissued", 0L);
    noise.put("void_not_reissued", 0L);
    noise.put("open", 0L);
  }

  Map<String, Long> noise() {
    return noise;
  }

  /** The account's invoices in issue order. */
  List<Bill> build(AccountPlan a) {
    SplittableRandom rng = Mix.rng(seed, Mix.BILLING, a.index);
    List<Bill> bills = new ArrayList<>();
    for (Contract c : a.contracts) {
      List<MonthDraft> drafts = new ArrayList<>();
      YearMonth last = c.endMonth().isBefore(lastClosed) ? c.endMonth() : lastClosed;
      for (YearMonth m = c.startMonth(); !m.isAfter(last); m = m.plusMonths(1)) {
        drafts.add(MonthDraft.correct(a, c, m, usage));
      }
      if (drafts.isEmpty()) {
        continue;
      }
      if (c == a.current()) {
        for (LeakType leak : a.planned) {
          if (LeakAssigner.BILLING.contains(leak)) {
            BillingLeaks.apply(leak, c, drafts, rng);
          }
        }
        if (a.shape != null && a.shape.kind().billing) {
          ShapeBilling.apply(a.shape, c, drafts).forEach(l -> labels.add(a, c, l.month(), l.detail()));
        }
      }
      for (MonthDraft d : drafts) {
        emit(a, c, d, rng, bills);
      }
    }
    return bills;
  }

  private void emit(AccountPlan a, Contract c, MonthDraft d, SplittableRandom rng, List<Bill> bills) {
    LocalDate issued = d.month.plusMonths(1).atDay(1);
    double roll = rng.nextDouble();
    if (d.missing) {
      if (roll < 0.3) {
        bills.add(bill(a, c, d, issued, InvoiceStatus.VOID, d.lines("", c)));
        count("void_not_reissued");
      }
      return;
    }
    if (roll < 0.025) {
      List<InvoiceLine> wrong = d.lines("", c);
      InvoiceLine seats = wrong.get(0);
      wrong.set(0, new InvoiceLine("", 1, seats.lineType(), null, seats.quantity(), BigDecimal.ONE.setScale(2),
          seats.quantity().setScale(2)));
      bills.add(bill(a, c, d, issued, InvoiceStatus.VOID, wrong));
      issued = issued.plusDays(3 + rng.nextInt(7));
      issued = issued.isAfter(asOf) ? asOf : issued;
      count("void_reissued");
    }
    boolean recent = issued.isAfter(asOf.minusDays(30));
    InvoiceStatus status = rng.nextDouble() < (recent ? 0.7 : 0.03) ? InvoiceStatus.OPEN : InvoiceStatus.PAID;
    if (status == InvoiceStatus.OPEN) {
      count("open");
    }
    bills.add(bill(a, c, d, issued, status, d.lines("", c)));
  }

  private Bill bill(AccountPlan a, Contract c, MonthDraft d, LocalDate issued, InvoiceStatus status,
      List<InvoiceLine> lines) {
    String id = Mix.padded("INV-", ++invoiceNo, 7);
    Invoice invoice = new Invoice(id, c.contractId(), a.id, d.month.atDay(1), d.month.atEndOfMonth(), issued, status);
    List<InvoiceLine> withId = new ArrayList<>(lines.size());
    for (InvoiceLine l : lines) {
      withId.add(new InvoiceLine(id, l.lineNo(), l.lineType(), l.metric(), l.quantity(), l.unitPrice(), l.amount()));
    }
    return new Bill(invoice, withId);
  }

  private void count(String key) {
    noise.merge(key, 1L, Long::sum);
  }
}
