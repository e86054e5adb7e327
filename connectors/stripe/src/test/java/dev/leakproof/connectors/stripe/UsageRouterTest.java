package dev.leakproof.connectors.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a usage row reaches Stripe, by its change and its age: every branch with exact values. */
class UsageRouterTest {

  private static final Instant NOW = Instant.parse("2026-06-15T10:00:00Z");
  private final UsageRouter router = new UsageRouter(Duration.ofHours(1), Duration.ofDays(1));

  private static UsageRow row(String day, long quantity) {
    return new UsageRow("ACC-1|api_calls|" + day, "ACC-1", "cus_1", "api_calls", "api_calls", LocalDate.parse(day),
        quantity, new BigDecimal("0.0020"), "USD");
  }

  @Test
  void aNewDayIsOneMeterEventAtTheStartOfTheDay() {
    UsageRouter.Routing r = router.route(row("2026-06-14", 1500), UsageState.EMPTY, NOW);
    assertThat(r.actions()).containsExactly(new UsageAction.SendEvent("api_calls", "cus_1",
        "lp:ACC-1:api_calls:2026-06-14:r1", 1500, Instant.parse("2026-06-14T00:00:00Z")));
    assertThat(r.after()).isEqualTo(new UsageState(1500, 0, 1,
        List.of(new UsageState.Event("lp:ACC-1:api_calls:2026-06-14:r1", 1500, NOW, false)), List.of()));
  }

  @Test
  void unchangedUnitsSendNothing() {
    UsageState sent = router.route(row("2026-06-14", 1500), UsageState.EMPTY, NOW).after();
    UsageRouter.Routing again = router.route(row("2026-06-14", 1500), sent, NOW.plusSeconds(60));
    assertThat(again.actions()).isEmpty();
    assertThat(again.after()).isEqualTo(sent);
  }

  @Test
  void aLateEventAddsExactlyItsDelta() {
    UsageState sent = router.route(row("2026-06-10", 1500), UsageState.EMPTY, NOW.minus(Duration.ofDays(3))).after();
    UsageRouter.Routing r = router.route(row("2026-06-10", 1620), sent, NOW);
    assertThat(r.actions()).containsExactly(new UsageAction.SendEvent("api_calls", "cus_1",
        "lp:ACC-1:api_calls:2026-06-10:r2", 120, Instant.parse("2026-06-10T00:00:00Z")));
    assertThat(r.after().metered()).isEqualTo(1620);
    assertThat(r.after().billed()).isEqualTo(1620);
  }

  @Test
  void aDecreaseWithin24HoursCancelsAndResendsTheRest() {
    UsageState sent = router.route(row("2026-06-14", 1500), UsageState.EMPTY, NOW.minus(Duration.ofHours(5))).after();
    UsageRouter.Routing r = router.route(row("2026-06-14", 1450), sent, NOW);
    assertThat(r.actions()).containsExactly(
        new UsageAction.CancelEvent("api_calls", "lp:ACC-1:api_calls:2026-06-14:r1", 1500),
        new UsageAction.SendEvent("api_calls", "cus_1", "lp:ACC-1:api_calls:2026-06-14:r2", 1450,
            Instant.parse("2026-06-14T00:00:00Z")));
    assertThat(r.after().metered()).isEqualTo(1450);
    assertThat(r.after().events()).extracting(UsageState.Event::cancelled).containsExactly(true, false);
  }

  @Test
  void aDecreaseToZeroWithin24HoursOnlyCancels() {
    UsageState sent = router.route(row("2026-06-14", 80), UsageState.EMPTY, NOW.minus(Duration.ofHours(2))).after();
    UsageRouter.Routing r = router.route(row("2026-06-14", 0), sent, NOW);
    assertThat(r.actions()).containsExactly(new UsageAction.CancelEvent("api_calls", "lp:ACC-1:api_calls:2026-06-14:r1",
        80));
    assertThat(r.after().billed()).isZero();
  }

  @Test
  void aDecreaseAfter24HoursBecomesACreditItemWithTheEvidence() {
    UsageState sent = router.route(row("2026-06-10", 1500), UsageState.EMPTY, NOW.minus(Duration.ofDays(2))).after();
    UsageRouter.Routing r = router.route(row("2026-06-10", 1450), sent, NOW);
    assertThat(r.actions()).singleElement().isEqualTo(new UsageAction.CreateItem("cus_1",
        "lp:ACC-1:api_calls:2026-06-10:r2:credit", -50, -10, "usd",
        "Credit: api_calls usage on 2026-06-10 corrected from 1,500 to 1,450 units after Stripe's 24-hour cancel "
            + "window: -50 units x 0.002 USD = -0.10 USD (Leakproof usage ACC-1|api_calls|2026-06-10, revision 2)",
        Instant.parse("2026-06-10T00:00:00Z"), Instant.parse("2026-06-11T00:00:00Z")));
    assertThat(r.after().metered()).isEqualTo(1500);
    assertThat(r.after().invoiced()).isEqualTo(-50);
    assertThat(r.after().billed()).isEqualTo(1450);
  }

  @Test
  void aDecreaseLargerThanWhatCanStillBeCancelledCancelsWhatItCanAndCreditsTheRest() {
    UsageState first = router.route(row("2026-06-12", 1000), UsageState.EMPTY, NOW.minus(Duration.ofDays(2))).after();
    UsageState second = router.route(row("2026-06-12", 1200), first, NOW.minus(Duration.ofHours(3))).after();
    UsageRouter.Routing r = router.route(row("2026-06-12", 900), second, NOW);
    assertThat(r.actions()).hasSize(2);
    assertThat(r.actions().get(0)).isEqualTo(new UsageAction.CancelEvent("api_calls",
        "lp:ACC-1:api_calls:2026-06-12:r2", 200));
    assertThat(r.actions().get(1)).isInstanceOfSatisfying(UsageAction.CreateItem.class, i -> {
      assertThat(i.quantity()).isEqualTo(-100);
      assertThat(i.amountMinor()).isEqualTo(-20);
      assertThat(i.key()).isEqualTo("lp:ACC-1:api_calls:2026-06-12:r3:credit");
    });
    assertThat(r.after().billed()).isEqualTo(900);
  }

  @Test
  void theCancelWindowStopsAnHourEarly() {
    UsageState sent = router.route(row("2026-06-13", 100), UsageState.EMPTY,
        NOW.minus(Duration.ofHours(23)).minusSeconds(1)).after();
    assertThat(router.route(row("2026-06-13", 90), sent, NOW).actions()).singleElement()
        .isInstanceOf(UsageAction.CreateItem.class);
    UsageState recent = router.route(row("2026-06-13", 100), UsageState.EMPTY,
        NOW.minus(Duration.ofHours(22))).after();
    assertThat(router.route(row("2026-06-13", 90), recent, NOW).actions().get(0))
        .isInstanceOf(UsageAction.CancelEvent.class);
  }

  @Test
  void daysPastTheTimestampWindowAreBilledAsInvoiceItemsAtTheOveragePrice() {
    // 2026-05-11 00:00 is 35 days and 10 hours before NOW: past Stripe's window
    UsageRouter.Routing old = router.route(row("2026-05-11", 1200), UsageState.EMPTY, NOW);
    assertThat(old.actions()).singleElement().isInstanceOfSatisfying(UsageAction.CreateItem.class, i -> {
      assertThat(i.quantity()).isEqualTo(1200);
      assertThat(i.amountMinor()).isEqualTo(240);
      assertThat(i.description()).startsWith("Usage of api_calls on 2026-05-11 recorded after Stripe's 35-day meter "
          + "window: 1,200 units x 0.002 USD = 2.40 USD");
    });
    // 34 days back less the one-day margin: still the meter... 2026-05-12 is 34 days and 10 hours back: invoice item
    assertThat(router.meterable(LocalDate.parse("2026-05-12"), NOW)).isFalse();
    assertThat(router.meterable(LocalDate.parse("2026-05-13"), NOW)).isTrue();
    // a future day beyond Stripe's 5-minute allowance is not sent
    assertThat(router.meterable(LocalDate.parse("2026-06-16"), NOW)).isFalse();
    assertThat(router.meterable(LocalDate.parse("2026-06-15"), NOW)).isTrue();
  }

  @Test
  void anInvoiceItemWithoutAPriceIsRefusedWithTheReason() {
    UsageRow noPrice = new UsageRow("ACC-1|api_calls|2026-05-01", "ACC-1", "cus_1", "api_calls", "api_calls",
        LocalDate.parse("2026-05-01"), 10, null, null);
    assertThatThrownBy(() -> router.route(noPrice, UsageState.EMPTY, NOW))
        .hasMessage("Cannot bill 10 units of api_calls for 2026-05-01 as an invoice item: no overage price for the "
            + "account on that day");
  }

  @Test
  void statesSurviveTheLedger() {
    UsageState sent = router.route(row("2026-06-14", 1500), UsageState.EMPTY, NOW).after();
    assertThat(UsageState.parse(sent.toJson())).isEqualTo(sent);
    assertThat(UsageState.parse(null)).isEqualTo(UsageState.EMPTY);
    PendingUsage pending = new PendingUsage(router.route(row("2026-06-14", 1400), sent, NOW).actions(), sent);
    assertThat(PendingUsage.parse(pending.toJson())).isEqualTo(pending);
  }
}
