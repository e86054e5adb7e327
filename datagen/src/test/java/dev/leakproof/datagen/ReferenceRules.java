package dev.leakproof.datagen;

import dev.leakproof.core.Contract;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The leak rules of spec section 4, applied by {@link ReferenceAudit} to the CSV tables. */
final class ReferenceRules {

  private static final BigDecimal TWELVE = BigDecimal.valueOf(12);

  private final ReferenceAudit audit;
  private final Path dir;
  private final LocalDate asOf;
  private final YearMonth lastClosed;
  private final Map<String, ReferenceAudit.Finding> found = new LinkedHashMap<>();

  ReferenceRules(ReferenceAudit audit, Path dir) {
    this.audit = audit;
    this.dir = dir;
    this.asOf = audit.asOf();
    this.lastClosed = YearMonth.from(asOf).minusMonths(1);
  }

  void apply() throws IOException {
    Map<String, LocalDate> contact = new HashMap<>();
    List<String> accounts = new ArrayList<>();
    for (Map<String, String> r : Csv.read(dir.resolve("accounts.csv")).rows) {
      accounts.add(r.get("account_id"));
      contact.put(r.get("account_id"), date(r.get("last_csm_contact_date")));
    }
    Map<String, List<Contract>> contracts = new HashMap<>();
    for (Map<String, String> r : Csv.read(dir.resolve("contracts.csv")).rows) {
      Contract c = new Contract(r.get("contract_id"), r.get("account_id"), r.get("plan_id"),
          Integer.parseInt(r.get("price_version")), date(r.get("start_date")), date(r.get("end_date")),
          Integer.parseInt(r.get("seats_licensed")), new BigDecimal(r.get("seat_unit_price")), r.get("currency"),
          new BigDecimal(r.get("annual_uplift_pct")), new BigDecimal(r.get("discount_pct")),
          date(r.get("discount_end_date")), Boolean.parseBoolean(r.get("auto_bill_overages")),
          Boolean.parseBoolean(r.get("auto_renew")), r.get("champion_name"), r.get("technical_scope"),
          r.get("closed_rate_note"));
      contracts.computeIfAbsent(c.accountId(), k -> new ArrayList<>()).add(c);
    }
    Map<String, String> invoiceKey = new HashMap<>();
    for (Map<String, String> r : Csv.read(dir.resolve("invoices.csv")).rows) {
      if (!"void".equals(r.get("status"))) {
        invoiceKey.put(r.get("invoice_id"), r.get("contract_id") + "|" + YearMonth.from(date(r.get("period_start"))));
      }
    }
    Map<String, List<Map<String, String>>> lines = new HashMap<>();
    for (Map<String, String> r : Csv.read(dir.resolve("invoice_lines.csv")).rows) {
      String key = invoiceKey.get(r.get("invoice_id"));
      if (key != null) {
        lines.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
      }
    }
    for (String account : accounts) {
      Map<YearMonth, Integer> seats = audit.seatsUsed(account);
      for (Contract c : contracts.getOrDefault(account, List.of())) {
        YearMonth last = c.endMonth().isBefore(lastClosed) ? c.endMonth() : lastClosed;
        for (YearMonth m = c.startMonth(); !m.isAfter(last); m = m.plusMonths(1)) {
          month(c, m, lines.get(c.contractId() + "|" + m), seats.getOrDefault(m, 0));
        }
        signals(c, seats.getOrDefault(lastClosed, 0), contact.get(account));
      }
      decline(account, contracts.getOrDefault(account, List.of()));
    }
    audit.findings.addAll(found.values());
  }

  private void month(Contract c, YearMonth m, List<Map<String, String>> lines, int seatsUsed) {
    BigDecimal p = c.seatPrice(m);
    if (lines == null) {
      add("missing_invoice", c, null, m, c.expectedMonthlyCharge(m));
      lines = List.of();
    }
    BigDecimal qty = sum(lines, "seats", null, "quantity");
    if (qty.signum() > 0) {
      BigDecimal billed = sum(lines, "seats", null, "amount").divide(qty, 10, RoundingMode.HALF_UP);
      if (qty.intValue() < c.seatsLicensed()) {
        add("seat_count_mismatch", c, null, m, BigDecimal.valueOf(c.seatsLicensed()).subtract(qty).multiply(p));
      }
      boolean renewal = false;
      for (int y = 0; y < c.contractYear(m) && c.annualUpliftPct().signum() > 0; y++) {
        renewal |= c.seatPrice(c.startMonth().plusMonths(12L * y)).subtract(billed).abs()
            .compareTo(ReferenceAudit.halfCent()) <= 0;
      }
      if (renewal) {
        add("renewal_uplift_missed", c, null, m, p.subtract(billed).multiply(qty));
      } else if (billed.compareTo(p.subtract(ReferenceAudit.halfCent())) < 0) {
        add("rate_mismatch", c, null, m, p.subtract(billed).multiply(qty));
      }
      if (billed.compareTo(p.add(ReferenceAudit.halfCent())) > 0) {
        add("overbilled", c, null, m, billed.subtract(p).multiply(qty));
      }
    }
    BigDecimal discount = sum(lines, "discount", null, "amount").abs();
    if (discount.signum() > 0) {
      boolean expired = c.discountEndDate() != null && !m.atDay(1).isBefore(c.discountEndDate());
      BigDecimal inForce = expired ? BigDecimal.ZERO : ReferenceAudit.cents(c.discountPct()
          .divide(BigDecimal.valueOf(100)).multiply(BigDecimal.valueOf(c.seatsLicensed())).multiply(p));
      if (expired) {
        add("expired_discount_applied", c, null, m, discount);
      } else if (discount.compareTo(inForce.add(ReferenceAudit.halfCent())) > 0) {
        add("discount_overapplied", c, null, m, discount.subtract(inForce));
      }
    }
    int trueUp = sum(lines, "true_up", null, "quantity").intValue();
    if (c.autoBillOverages() && seatsUsed > c.seatsLicensed() + trueUp) {
      add("seat_true_up", c, null, m, BigDecimal.valueOf(seatsUsed - c.seatsLicensed() - trueUp).multiply(p));
    }
    for (String metric : audit.metrics()) {
      BigDecimal[] row = audit.priceRow(c, metric);
      if (row != null) {
        BigDecimal excess = audit.usage(c.accountId(), m, metric).subtract(row[0]).max(BigDecimal.ZERO);
        BigDecimal gap = ReferenceAudit.cents(excess.multiply(row[1])).subtract(sum(lines, "overage", metric, "amount"));
        if (gap.compareTo(ReferenceAudit.halfCent()) > 0) {
          add("unbilled_overage", c, metric, m, gap);
        }
      }
    }
  }

  private void signals(Contract c, int usedLastClosed, LocalDate contact) {
    if (!c.autoBillOverages() && c.inTerm(lastClosed) && usedLastClosed > c.seatsLicensed()) {
      add("expansion_opportunity", c, null, lastClosed,
          BigDecimal.valueOf(usedLastClosed - c.seatsLicensed()).multiply(c.seatPrice(lastClosed)).multiply(TWELVE));
    }
    if (c.endDate().isAfter(asOf) && !c.endDate().isAfter(asOf.plusDays(90))
        && (contact == null || contact.isBefore(asOf.minusDays(30)))) {
      add("renewal_at_risk", c, null, c.endMonth(), BigDecimal.valueOf(c.seatsLicensed())
          .multiply(c.seatPrice(c.endMonth().plusMonths(1))).multiply(TWELVE));
    }
    if (!c.startDate().isBefore(asOf.minusDays(180)) && !c.startDate().isAfter(asOf)
        && (c.championName() == null || c.technicalScope() == null || c.closedRateNote() == null)) {
      add("handoff_incomplete", c, null, c.startMonth(), BigDecimal.ZERO);
    }
  }

  private void decline(String account, List<Contract> contracts) {
    for (String metric : audit.metrics()) {
      BigDecimal prev = audit.window(account, metric, false);
      BigDecimal last = audit.window(account, metric, true);
      if (prev.compareTo(BigDecimal.valueOf(100)) >= 0 && last.compareTo(prev.multiply(new BigDecimal("0.8"))) <= 0) {
        BigDecimal arr = BigDecimal.ZERO;
        for (Contract c : contracts) {
          if (c.inForceOn(asOf)) {
            arr = arr.add(BigDecimal.valueOf(c.seatsLicensed()).multiply(c.seatPrice(YearMonth.from(asOf))).multiply(TWELVE));
          }
        }
        found.put("usage_decline|" + account, new ReferenceAudit.Finding("usage_decline", account, null, null,
            YearMonth.from(asOf).toString(), YearMonth.from(asOf).toString(), ReferenceAudit.cents(arr)));
        return;
      }
    }
  }

  private void add(String type, Contract c, String metric, YearMonth m, BigDecimal amount) {
    String key = type + "|" + c.contractId() + "|" + metric;
    ReferenceAudit.Finding f = new ReferenceAudit.Finding(type, c.accountId(), c.contractId(), metric,
        m.toString(), m.toString(), ReferenceAudit.cents(amount));
    found.merge(key, f, (a, b) -> new ReferenceAudit.Finding(type, a.account(), a.contract(), metric,
        a.first().compareTo(b.first()) <= 0 ? a.first() : b.first(),
        a.last().compareTo(b.last()) >= 0 ? a.last() : b.last(), a.amount().add(b.amount())));
  }

  private static BigDecimal sum(List<Map<String, String>> lines, String type, String metric, String column) {
    BigDecimal total = BigDecimal.ZERO;
    for (Map<String, String> l : lines) {
      if (type.equals(l.get("line_type")) && (metric == null || metric.equals(l.get("metric")))) {
        total = total.add(new BigDecimal(l.get(column)));
      }
    }
    return total;
  }

  private static LocalDate date(String s) {
    return s == null ? null : LocalDate.parse(s);
  }
}
