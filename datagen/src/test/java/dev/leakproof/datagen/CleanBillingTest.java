package dev.leakproof.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.core.Contract;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clean accounts are billed exactly as contracted: every closed month, licensed seats at p(m). */
class CleanBillingTest {

  @TempDir
  Path dir;

  @Test
  void cleanAccountsAreInvoicedEveryClosedMonthForLicensedSeatsAtTheContractPrice() throws IOException {
    GenerationSummary summary = TestDatasets.generate(TestDatasets.config(45, 2, 5), dir);
    Set<String> clean = new HashSet<>(summary.cleanAccounts());
    Map<String, Map<String, String>> invoices = new HashMap<>();
    for (Map<String, String> r : Csv.read(dir.resolve("invoices.csv")).rows) {
      if (!r.get("status").equals("void")) {
        invoices.put(r.get("invoice_id"), r);
      }
    }
    Map<String, List<Map<String, String>>> seatLines = new HashMap<>();
    for (Map<String, String> l : Csv.read(dir.resolve("invoice_lines.csv")).rows) {
      Map<String, String> inv = invoices.get(l.get("invoice_id"));
      if (inv != null && l.get("line_type").equals("seats")) {
        seatLines.computeIfAbsent(inv.get("contract_id") + "|" + inv.get("period_start"), k -> new ArrayList<>()).add(l);
      }
    }
    YearMonth lastClosed = YearMonth.from(TestDatasets.AS_OF).minusMonths(1);
    int checked = 0;
    for (Map<String, String> r : Csv.read(dir.resolve("contracts.csv")).rows) {
      if (!clean.contains(r.get("account_id"))) {
        continue;
      }
      Contract c = contract(r);
      YearMonth last = c.endMonth().isBefore(lastClosed) ? c.endMonth() : lastClosed;
      for (YearMonth m = c.startMonth(); !m.isAfter(last); m = m.plusMonths(1)) {
        List<Map<String, String>> lines = seatLines.get(c.contractId() + "|" + m.atDay(1));
        assertThat(lines).as("%s %s", c.contractId(), m).hasSize(1);
        Map<String, String> seats = lines.get(0);
        BigDecimal p = c.seatPrice(m);
        assertThat(Integer.parseInt(seats.get("quantity"))).isEqualTo(c.seatsLicensed());
        assertThat(new BigDecimal(seats.get("unit_price"))).isEqualByComparingTo(p);
        assertThat(new BigDecimal(seats.get("amount"))).isEqualByComparingTo(p.multiply(BigDecimal.valueOf(c.seatsLicensed())));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(200);
  }

  private static Contract contract(Map<String, String> r) {
    return new Contract(r.get("contract_id"), r.get("account_id"), r.get("plan_id"),
        Integer.parseInt(r.get("price_version")), LocalDate.parse(r.get("start_date")),
        LocalDate.parse(r.get("end_date")), Integer.parseInt(r.get("seats_licensed")),
        new BigDecimal(r.get("seat_unit_price")), r.get("currency"), new BigDecimal(r.get("annual_uplift_pct")),
        new BigDecimal(r.get("discount_pct")),
        r.get("discount_end_date") == null ? null : LocalDate.parse(r.get("discount_end_date")),
        Boolean.parseBoolean(r.get("auto_bill_overages")), Boolean.parseBoolean(r.get("auto_renew")),
        r.get("champion_name"), r.get("technical_scope"), r.get("closed_rate_note"));
  }
}
