package dev.leakproof.connectors.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.exception.TemporarySessionExpiredException;
import com.stripe.model.Customer;
import com.stripe.model.InvoiceItem;
import com.stripe.model.StripeCollection;
import com.stripe.model.billing.Meter;
import com.stripe.model.billing.MeterEvent;
import com.stripe.model.billing.MeterEventAdjustment;
import com.stripe.model.billing.MeterEventSummary;
import com.stripe.model.v2.billing.MeterEventSession;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.InvoiceItemCreateParams;
import com.stripe.param.InvoiceItemListParams;
import com.stripe.param.InvoiceItemUpdateParams;
import com.stripe.param.billing.MeterCreateParams;
import com.stripe.param.billing.MeterEventAdjustmentCreateParams;
import com.stripe.param.billing.MeterEventCreateParams;
import com.stripe.param.billing.MeterEventSummaryListParams;
import com.stripe.param.v2.billing.MeterEventStreamCreateParams;
import dev.leakproof.connectors.stripe.emulator.testutils.Sdk;
import dev.leakproof.connectors.stripe.emulator.testutils.StripeHttp;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Stripe Java SDK 33.3.0 against the emulator: every response parses and carries the right values. */
class SdkRoundTripTest {

  private StripeEmulator emulator;
  private StripeClient stripe;

  @BeforeEach
  void start() {
    emulator = StripeEmulator.start(EmulatorConfig.defaults().withSummaryDelay(Duration.ofMillis(200)));
    stripe = Sdk.client(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void customersMetersEventsAdjustmentsAndSummaries() throws StripeException {
    Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().setName("Acme GmbH").setEmail("billing@acme.test")
        .putMetadata("leakproof_key", "ACC-1").build());
    assertThat(customer.getId()).startsWith("cus_");
    assertThat(customer.getMetadata()).containsEntry("leakproof_key", "ACC-1");
    assertThat(customer.getLivemode()).isFalse();
    assertThat(stripe.v1().customers().retrieve(customer.getId()).getEmail()).isEqualTo("billing@acme.test");

    Meter meter = stripe.v1().billing().meters().create(MeterCreateParams.builder().setDisplayName("API calls").setEventName("api_calls")
        .setDefaultAggregation(MeterCreateParams.DefaultAggregation.builder().setFormula(MeterCreateParams.DefaultAggregation.Formula.SUM).build())
        .build());
    assertThat(meter.getId()).startsWith("mtr_test_");
    assertThat(meter.getStatus()).isEqualTo("active");
    assertThat(meter.getCustomerMapping().getEventPayloadKey()).isEqualTo("stripe_customer_id");
    assertThat(meter.getValueSettings().getEventPayloadKey()).isEqualTo("value");

    Instant day = emulator.now().truncatedTo(ChronoUnit.DAYS);
    long ts = emulator.now().minus(Duration.ofMinutes(1)).getEpochSecond();
    MeterEvent event = stripe.v1().billing().meterEvents().create(MeterEventCreateParams.builder().setEventName("api_calls")
        .setIdentifier("evt-1").putPayload("stripe_customer_id", customer.getId()).putPayload("value", "25").setTimestamp(ts).build());
    assertThat(event.getIdentifier()).isEqualTo("evt-1");
    assertThat(event.getTimestamp()).isEqualTo(ts);
    assertThat(event.getPayload()).containsEntry("value", "25");
    stripe.v1().billing().meterEvents().create(MeterEventCreateParams.builder().setEventName("api_calls").setIdentifier("evt-2")
        .putPayload("stripe_customer_id", customer.getId()).putPayload("value", "17").setTimestamp(ts).build());

    MeterEventAdjustment adjustment = stripe.v1().billing().meterEventAdjustments().create(MeterEventAdjustmentCreateParams.builder()
        .setEventName("api_calls").setType(MeterEventAdjustmentCreateParams.Type.CANCEL)
        .setCancel(MeterEventAdjustmentCreateParams.Cancel.builder().setIdentifier("evt-2").build()).build());
    assertThat(adjustment.getStatus()).isEqualTo("pending");
    assertThat(adjustment.getCancel().getIdentifier()).isEqualTo("evt-2");

    StripeHttp.sleep(250);
    MeterEventSummaryListParams range = MeterEventSummaryListParams.builder().setCustomer(customer.getId())
        .setStartTime(day.getEpochSecond()).setEndTime(day.plus(Duration.ofDays(1)).getEpochSecond())
        .setValueGroupingWindow(MeterEventSummaryListParams.ValueGroupingWindow.DAY).build();
    StripeCollection<MeterEventSummary> summaries = stripe.v1().billing().meters().eventSummaries().list(meter.getId(), range);
    assertThat(summaries.getData()).hasSize(1);
    MeterEventSummary summary = summaries.getData().get(0);
    assertThat(summary.getAggregatedValue()).isEqualByComparingTo(BigDecimal.valueOf(25));
    assertThat(summary.getStartTime()).isEqualTo(day.getEpochSecond());
    assertThat(summary.getMeter()).isEqualTo(meter.getId());
    assertThat(emulator.summedUsage(customer.getId(), "api_calls", LocalDate.ofInstant(day, ZoneOffset.UTC))).isEqualTo(25);
    assertThat(emulator.meterEventAdjustments()).singleElement().satisfies(a -> assertThat(a.status()).isEqualTo("complete"));
  }

  @Test
  void invoiceItemsCreateUpdateListDelete() throws StripeException {
    String customer = emulator.createCustomer("Acme", Map.of());
    InvoiceItem credit = stripe.v1().invoiceItems().create(InvoiceItemCreateParams.builder().setCustomer(customer).setAmount(-1500L)
        .setCurrency("eur").setDescription("Usage credit").putMetadata("leakproof_finding", "F-1")
        .setPeriod(InvoiceItemCreateParams.Period.builder().setStart(1_700_000_000L).setEnd(1_700_086_400L).build()).build());
    assertThat(credit.getId()).startsWith("ii_");
    assertThat(credit.getAmount()).isEqualTo(-1500L);
    assertThat(credit.getDiscountable()).isFalse();
    assertThat(credit.getInvoice()).isNull();
    assertThat(credit.getPeriod().getEnd()).isEqualTo(1_700_086_400L);
    assertThat(credit.getCustomer()).isEqualTo(customer);

    InvoiceItem updated = stripe.v1().invoiceItems().update(credit.getId(), InvoiceItemUpdateParams.builder().setAmount(-1200L)
        .setDescription("Usage credit (corrected)").putMetadata("leakproof_run", "R-2").build());
    assertThat(updated.getAmount()).isEqualTo(-1200L);
    assertThat(updated.getMetadata()).containsEntry("leakproof_finding", "F-1").containsEntry("leakproof_run", "R-2");

    stripe.v1().invoiceItems().create(InvoiceItemCreateParams.builder().setCustomer(customer).setUnitAmountDecimal(new BigDecimal("0.35"))
        .setQuantity(1000L).setCurrency("eur").build());
    List<InvoiceItem> listed = stripe.v1().invoiceItems().list(InvoiceItemListParams.builder().setCustomer(customer).build()).getData();
    assertThat(listed).extracting(InvoiceItem::getAmount).containsExactly(350L, -1200L);

    InvoiceItem deleted = stripe.v1().invoiceItems().delete(credit.getId());
    assertThat(deleted.getDeleted()).isTrue();
    assertThatThrownBy(() -> stripe.v1().invoiceItems().retrieve(credit.getId())).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("No such invoiceitem: '" + credit.getId() + "'");
  }

  @Test
  void v2SessionStreamAndExpiry() throws StripeException {
    String customer = emulator.createCustomer("Acme", Map.of());
    emulator.createMeter("tokens", "Tokens");
    MeterEventSession session = stripe.v2().billing().meterEventSession().create();
    assertThat(session.getId()).startsWith("mes_");
    assertThat(session.getExpiresAt()).isEqualTo(session.getCreated().plus(Duration.ofMinutes(15)));
    RequestOptions asSession = RequestOptions.builder().setApiKey(session.getAuthenticationToken()).build();
    MeterEventStreamCreateParams.Builder batch = MeterEventStreamCreateParams.builder();
    for (int i = 0; i < 100; i++) {
      batch.addEvent(MeterEventStreamCreateParams.Event.builder().setEventName("tokens").setIdentifier("s-" + i)
          .putPayload("stripe_customer_id", customer).putPayload("value", "2").setTimestamp(emulator.now()).build());
    }
    stripe.v2().billing().meterEventStream().create(batch.build(), asSession);
    assertThat(emulator.acceptedStreamEvents().stored()).isEqualTo(100);
    assertThat(emulator.summedUsage(customer, "tokens", LocalDate.ofInstant(emulator.now(), ZoneOffset.UTC))).isEqualTo(200);

    emulator.advanceClock(Duration.ofMinutes(16));
    assertThatThrownBy(() -> stripe.v2().billing().meterEventStream().create(batch.build(), asSession))
        .isInstanceOf(TemporarySessionExpiredException.class)
        .satisfies(e -> assertThat(((StripeException) e).getStatusCode()).isEqualTo(401))
        .satisfies(e -> assertThat(((StripeException) e).getCode()).isEqualTo("billing_meter_event_session_expired"));
  }

  @Test
  void v2MeterEventAndAdjustment() throws StripeException {
    String customer = emulator.createCustomer("Acme", Map.of());
    emulator.createMeter("tokens", "Tokens");
    Instant ts = emulator.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
    com.stripe.model.v2.billing.MeterEvent event = stripe.v2().billing().meterEvents().create(
        com.stripe.param.v2.billing.MeterEventCreateParams.builder().setEventName("tokens").setIdentifier("v2-1")
            .putPayload("stripe_customer_id", customer).putPayload("value", "40").setTimestamp(ts).build());
    assertThat(event.getObject()).isEqualTo("v2.billing.meter_event");
    assertThat(event.getTimestamp()).isEqualTo(ts);
    assertThat(event.getIdentifier()).isEqualTo("v2-1");
    assertThat(event.getPayload()).containsEntry("value", "40");

    com.stripe.model.v2.billing.MeterEventAdjustment adjustment = stripe.v2().billing().meterEventAdjustments().create(
        com.stripe.param.v2.billing.MeterEventAdjustmentCreateParams.builder().setEventName("tokens")
            .setType(com.stripe.param.v2.billing.MeterEventAdjustmentCreateParams.Type.CANCEL)
            .setCancel(com.stripe.param.v2.billing.MeterEventAdjustmentCreateParams.Cancel.builder().setIdentifier("v2-1").build()).build());
    assertThat(adjustment.getId()).startsWith("mtr_event_adj_");
    assertThat(adjustment.getStatus()).isEqualTo("pending");
    assertThat(adjustment.getCancel().getIdentifier()).isEqualTo("v2-1");
    assertThat(emulator.meterEvents()).singleElement().satisfies(e -> {
      assertThat(e.cancelled()).isTrue();
      assertThat(e.source()).isEqualTo(EventSource.V2);
      assertThat(e.value()).isEqualTo(40);
    });
  }
}
