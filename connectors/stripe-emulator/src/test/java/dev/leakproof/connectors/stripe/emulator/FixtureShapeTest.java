package dev.leakproof.connectors.stripe.emulator;

import static dev.leakproof.connectors.stripe.emulator.testutils.StripeHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.annotations.SerializedName;
import dev.leakproof.connectors.stripe.emulator.testutils.Fixtures;
import dev.leakproof.connectors.stripe.emulator.testutils.StripeHttp;
import dev.leakproof.connectors.stripe.emulator.testutils.TestTime;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every object the emulator returns has exactly the keys of Stripe's fixture object of its type; v2
 * objects (absent from the fixtures) have exactly the fields of the SDK's model class.
 */
class FixtureShapeTest {

  private StripeEmulator emulator;
  private StripeHttp http;
  private String customer;

  @BeforeEach
  void start() {
    emulator = StripeEmulator.start(TestTime.config());
    http = new StripeHttp(emulator);
    customer = ok(http.post("/v1/customers", "name", "Acme", "email", "a@acme.test", "metadata[leakproof_key]", "ACC-1"), 200).get("id").asText();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void v1ObjectsMatchTheFixtures() {
    assertShape(ok(http.get("/v1/customers/" + customer), 200), "customer");
    assertShape(ok(http.get("/v1/customers"), 200).get("data").get(0), "customer");

    JsonNode meter = ok(http.post("/v1/billing/meters", "display_name", "API calls", "event_name", "api_calls",
        "default_aggregation[formula]", "sum"), 200);
    assertShape(meter, "billing.meter");
    assertShape(ok(http.post("/v1/billing/meters/" + meter.get("id").asText() + "/deactivate"), 200), "billing.meter");

    String meterId = ok(http.post("/v1/billing/meters", "display_name", "Tokens", "event_name", "tokens",
        "default_aggregation[formula]", "sum"), 200).get("id").asText();
    assertShape(ok(http.post("/v1/billing/meter_events", "event_name", "tokens", "identifier", "e-1",
        "payload[stripe_customer_id]", customer, "payload[value]", "5"), 200), "billing.meter_event");
    assertShape(ok(http.post("/v1/billing/meter_event_adjustments", "event_name", "tokens", "type", "cancel",
        "cancel[identifier]", "e-1"), 200), "billing.meter_event_adjustment");
    http.post("/v1/billing/meter_events", "event_name", "tokens", "payload[stripe_customer_id]", customer, "payload[value]", "7");
    JsonNode summaries = ok(http.get("/v1/billing/meters/" + meterId + "/event_summaries", "customer", customer,
        "start_time", Long.toString(TestTime.DAY_START), "end_time", Long.toString(TestTime.DAY_START + TestTime.DAY)), 200);
    assertThat(Fixtures.keysOf(summaries)).containsExactlyInAnyOrder("object", "data", "has_more", "url");
    assertShape(summaries.get("data").get(0), "billing.meter_event_summary");

    JsonNode item = ok(http.post("/v1/invoiceitems", "customer", customer, "amount", "-500", "currency", "usd"), 200);
    assertShape(item, "invoiceitem");
    assertShape(ok(http.post("/v1/invoiceitems/" + item.get("id").asText(), "description", "credit"), 200), "invoiceitem");
    assertShape(ok(http.delete("/v1/invoiceitems/" + item.get("id").asText()), 200), "deleted_invoiceitem");
  }

  @Test
  void v2ObjectsMatchTheSdkModels() {
    emulator.createMeter("tokens", "Tokens");
    JsonNode session = ok(http.postJson("/v2/billing/meter_event_session", "{}"), 200);
    assertThat(Fixtures.keysOf(session)).isEqualTo(sdkFields(com.stripe.model.v2.billing.MeterEventSession.class));
    JsonNode event = ok(http.postJson("/v2/billing/meter_events", "{\"event_name\":\"tokens\",\"identifier\":\"v2-1\","
        + "\"payload\":{\"stripe_customer_id\":\"" + customer + "\",\"value\":\"3\"}}"), 200);
    assertThat(Fixtures.keysOf(event)).isEqualTo(sdkFields(com.stripe.model.v2.billing.MeterEvent.class));
    assertThat(event.get("created").asText()).isEqualTo("2025-03-10T12:00:00.000Z");
    JsonNode adjustment = ok(http.postJson("/v2/billing/meter_event_adjustments", "{\"event_name\":\"tokens\",\"type\":\"cancel\","
        + "\"cancel\":{\"identifier\":\"v2-1\"}}"), 200);
    assertThat(Fixtures.keysOf(adjustment)).isEqualTo(sdkFields(com.stripe.model.v2.billing.MeterEventAdjustment.class));
  }

  @Test
  void errorsAreStripeErrorObjects() {
    JsonNode error = ok(http.get("/v1/customers/cus_missing"), 404).get("error");
    assertThat(Fixtures.keysOf(error)).containsExactlyInAnyOrder("type", "code", "message", "param");
    assertThat(error.get("message").asText()).isEqualTo("No such customer: 'cus_missing'");
    JsonNode v2 = ok(http.postJson("/v2/billing/meter_events", "{\"event_name\":\"nope\",\"payload\":{}}"), 400).get("error");
    assertThat(Fixtures.keysOf(v2)).containsExactlyInAnyOrder("type", "code", "message");
  }

  private static void assertShape(JsonNode object, String type) {
    assertThat(Fixtures.keysOf(object)).as("keys of %s", type).isEqualTo(Fixtures.keys(type));
  }

  private static Set<String> sdkFields(Class<?> model) {
    Set<String> out = new TreeSet<>();
    for (Field f : model.getDeclaredFields()) {
      SerializedName name = f.getAnnotation(SerializedName.class);
      if (name != null && !Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())) {
        out.add(name.value());
      }
    }
    return out;
  }
}
