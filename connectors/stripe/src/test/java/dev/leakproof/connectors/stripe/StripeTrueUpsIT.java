package dev.leakproof.connectors.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.connectors.stripe.emulator.Faults;
import dev.leakproof.connectors.stripe.testutils.BillingFixture;
import dev.leakproof.connectors.sync.Guardrails;
import dev.leakproof.connectors.sync.RunRecord;
import dev.leakproof.connectors.sync.SyncMode;
import dev.leakproof.connectors.sync.SyncSpec;
import dev.leakproof.connectors.sync.SyncStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seat true-ups as invoice items: created once per key, updated while not invoiced, never duplicated. */
class StripeTrueUpsIT {

  private static SyncSpec trueUps() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("item_key", "item_key");
    m.put("stripe_customer_id", "customer");
    m.put("amount", "amount");
    m.put("currency", "currency");
    m.put("description", "description");
    m.put("period_start", "period_start");
    m.put("period_end", "period_end");
    return new SyncSpec("stripe_true_ups", "", "billing_true_ups", "item_key", "stripe", "invoiceitem", "item_key",
        SyncMode.UPSERT, m, List.of(), Guardrails.defaults(), 100);
  }

  @Test
  void eachTrueUpIsOneInvoiceItemWithItsEvidenceAndReRunsNeverDuplicate() throws Exception {
    try (BillingFixture f = BillingFixture.start().withAccounts(2)) {
      f.sql("CREATE TABLE billing_true_ups (item_key VARCHAR, stripe_customer_id VARCHAR, amount DECIMAL(18,2), "
          + "currency VARCHAR, description VARCHAR, period_start DATE, period_end DATE)");
      f.sql("INSERT INTO billing_true_ups VALUES ('TU-CTR-00010-2026-05', '" + f.customers.get("ACC-00001") + "', "
          + "1091.90, 'USD', 'Seat true-up 2026-05: 66 seats used, 5 licensed', DATE '2026-05-01', DATE '2026-05-31'), "
          + "('TU-CTR-00010-FWD-2026-06', '" + f.customers.get("ACC-00001") + "', 1674.25, 'USD', 'Prorated true-up: "
          + "61 extra seats', DATE '2026-06-15', DATE '2026-07-31'), ('TU-CTR-00020-2026-05', '"
          + f.customers.get("ACC-00002") + "', 99.99, 'EUR', 'Seat true-up 2026-05: 6 seats used, 5 licensed', "
          + "DATE '2026-05-01', DATE '2026-05-31')");
      f.stripe.faults().timeouts(1, "/v1/invoiceitems", Faults.TimeoutMode.DROP, Duration.ZERO);
      RunRecord first = f.sync(trueUps());
      assertThat(first.confirmed()).isEqualTo(3);
      assertThat(f.stripe.invoiceItems()).extracting(i -> i.amount() + " " + i.currency() + " " + i.description())
          .containsExactlyInAnyOrder("109190 usd Seat true-up 2026-05: 66 seats used, 5 licensed",
              "167425 usd Prorated true-up: 61 extra seats", "9999 eur Seat true-up 2026-05: 6 seats used, 5 licensed");

      assertThat(f.sync(trueUps()).unchanged()).isEqualTo(3);
      new SyncStore(f.db).reset("stripe_true_ups");
      RunRecord forgetful = f.sync(trueUps());
      assertThat(forgetful.confirmed()).isEqualTo(3);
      assertThat(f.stripe.invoiceItems()).as("found by their key, not created again").hasSize(3);

      f.sql("UPDATE billing_true_ups SET amount = 1100.00 WHERE item_key = 'TU-CTR-00010-2026-05'");
      RunRecord changed = f.sync(trueUps());
      assertThat(changed.updates()).isEqualTo(1);
      assertThat(f.stripe.invoiceItems()).hasSize(3).anySatisfy(i -> assertThat(i.amount()).isEqualTo(110000));
    }
  }
}
