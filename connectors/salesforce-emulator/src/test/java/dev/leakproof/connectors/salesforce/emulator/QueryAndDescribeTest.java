package dev.leakproof.connectors.salesforce.emulator;

import static dev.leakproof.connectors.salesforce.emulator.testutils.EmulatorClient.API;
import static dev.leakproof.connectors.salesforce.emulator.testutils.EmulatorClient.enc;
import static dev.leakproof.connectors.salesforce.emulator.testutils.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakproof.connectors.salesforce.emulator.testutils.EmulatorClient;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QueryAndDescribeTest {

  private static SalesforceEmulator emulator;
  private static EmulatorClient client;

  @BeforeAll
  static void start() {
    Schema schema = Schema.leakproof()
        .withField("Account", FieldDef.of("Is_Strategic__c", FieldType.BOOLEAN))
        .withObject(SObjectType.of("Invoice__c", "a01", FieldDef.string("Number__c", 20).asExternalId(),
            FieldDef.number("Lines__c", FieldType.INT, 9, 0)));
    emulator = SalesforceEmulator.start(EmulatorConfig.defaults().withSchema(schema).withSeed(Map.of("Account", List.of(
        account("Acme", "ACC-1", "high", "1200.50", "2026-06-15"),
        account("Globex", "ACC-2", "low", "0", "2026-03-01"),
        account("Initech", "ACC-3", "high", "5000", null),
        account("Umbrella", "ACC-4", "medium", null, "2026-09-30")))));
    client = new EmulatorClient(emulator);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static Map<String, Object> account(String name, String key, String risk, String leakage, String renewal) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Name", name);
    m.put("Leakproof_Id__c", key);
    m.put("Renewal_Risk__c", risk);
    m.put("Open_Leakage__c", leakage);
    m.put("Renewal_Date__c", renewal);
    return m;
  }

  private static JsonNode query(String soql) {
    HttpResponse<String> r = client.get(API + "/query?q=" + enc(soql));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r);
  }

  private static List<String> names(JsonNode result) {
    List<String> out = new ArrayList<>();
    result.path("records").forEach(r -> out.add(r.path("Name").asText()));
    return out;
  }

  @Test
  void selectsWithWhereAndInOrderByAndLimit() {
    JsonNode high = query("SELECT Id, Name, Open_Leakage__c FROM Account WHERE Renewal_Risk__c = 'HIGH' ORDER BY Name DESC");
    assertThat(high.path("totalSize").asInt()).isEqualTo(2);
    assertThat(high.path("done").asBoolean()).isTrue();
    assertThat(names(high)).containsExactly("Initech", "Acme");
    JsonNode first = high.path("records").get(0);
    assertThat(first.path("attributes").path("type").asText()).isEqualTo("Account");
    assertThat(first.path("attributes").path("url").asText()).isEqualTo("/services/data/v62.0/sobjects/Account/" + first.path("Id").asText());
    assertThat(first.path("Open_Leakage__c").decimalValue()).isEqualByComparingTo(new BigDecimal("5000"));
    assertThat(first.fieldNames()).toIterable().containsExactly("attributes", "Id", "Name", "Open_Leakage__c");

    assertThat(names(query("select Name from Account where Leakproof_Id__c in ('ACC-2','ACC-4', 'ACC-9') order by Name"))).containsExactly("Globex", "Umbrella");
    assertThat(names(query("SELECT Name FROM Account WHERE Renewal_Risk__c = 'high' AND Open_Leakage__c > 2000"))).containsExactly("Initech");
    assertThat(names(query("SELECT Name FROM Account ORDER BY Open_Leakage__c ASC LIMIT 2"))).containsExactly("Umbrella", "Globex");
    assertThat(names(query("SELECT Name FROM Account ORDER BY Open_Leakage__c DESC LIMIT 1"))).containsExactly("Initech");
    assertThat(names(query("SELECT Name FROM Account WHERE Renewal_Date__c = null"))).containsExactly("Initech");
    assertThat(names(query("SELECT Name FROM Account WHERE Renewal_Date__c < 2026-06-01"))).containsExactly("Globex");
  }

  @Test
  void countReturnsOnlyTheTotalSize() {
    JsonNode all = query("SELECT COUNT() FROM Account");
    assertThat(all.path("totalSize").asInt()).isEqualTo(4);
    assertThat(all.path("records")).isEmpty();
    assertThat(query("SELECT COUNT() FROM Account WHERE Renewal_Risk__c IN ('high', 'medium')").path("totalSize").asInt()).isEqualTo(3);
  }

  @Test
  void valuesUseSalesforceJsonFormats() {
    JsonNode acme = query("SELECT Open_Leakage__c, Renewal_Date__c, CreatedDate, Is_Strategic__c FROM Account WHERE Name = 'Acme'")
        .path("records").get(0);
    assertThat(acme.path("Open_Leakage__c").toString()).isEqualTo("1200.5");
    assertThat(acme.path("Renewal_Date__c").asText()).isEqualTo("2026-06-15");
    assertThat(acme.path("CreatedDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
    assertThat(acme.path("Is_Strategic__c").isNull()).isTrue();
  }

  @Test
  void badQueriesGetMalformedQueryOrInvalidField() {
    assertError("SELECT FROM Account", 400, "MALFORMED_QUERY");
    assertError("SELECT Name FROM Account WHERE", 400, "MALFORMED_QUERY");
    assertError("SELECT Name FROM Account LIMIT x", 400, "MALFORMED_QUERY");
    assertError("SELECT Name, Name FROM Account", 400, "MALFORMED_QUERY");
    assertError("SELECT Nope__c FROM Account", 400, "INVALID_FIELD");
    assertError("SELECT Name FROM Account WHERE Nope__c = 'x'", 400, "INVALID_FIELD");
    assertError("SELECT Name FROM Nothing", 400, "INVALID_TYPE");
    assertError("SELECT Name FROM Account WHERE Open_Leakage__c = 'x'", 400, "INVALID_QUERY_FILTER_OPERATOR");
    HttpResponse<String> missing = client.get(API + "/query");
    assertThat(json(missing).get(0).path("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
  }

  private static void assertError(String soql, int status, String code) {
    HttpResponse<String> r = client.get(API + "/query?q=" + enc(soql));
    assertThat(r.statusCode()).as(soql).isEqualTo(status);
    assertThat(json(r).get(0).path("errorCode").asText()).as(soql).isEqualTo(code);
  }

  @Test
  void describeReportsFieldMetadata() {
    JsonNode account = json(client.get(API + "/sobjects/Account/describe"));
    assertThat(account.path("name").asText()).isEqualTo("Account");
    assertThat(account.path("keyPrefix").asText()).isEqualTo("001");
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    account.path("fields").forEach(f -> fields.put(f.path("name").asText(), f));
    assertThat(fields.keySet()).startsWith("Id", "Name", "Leakproof_Id__c").contains("Is_Strategic__c").endsWith("CreatedDate", "LastModifiedDate");
    JsonNode key = fields.get("Leakproof_Id__c");
    assertThat(key.path("type").asText()).isEqualTo("string");
    assertThat(key.path("length").asInt()).isEqualTo(64);
    assertThat(key.path("externalId").asBoolean()).isTrue();
    assertThat(key.path("unique").asBoolean()).isTrue();
    assertThat(fields.get("Name").path("nillable").asBoolean()).isFalse();
    assertThat(fields.get("Open_Leakage__c").path("type").asText()).isEqualTo("currency");
    assertThat(fields.get("Open_Leakage__c").path("precision").asInt()).isEqualTo(18);
    assertThat(fields.get("Open_Leakage__c").path("scale").asInt()).isEqualTo(2);
    assertThat(fields.get("Expansion_Signal__c").path("picklistValues").findValuesAsText("value")).containsExactly("none", "watch", "expand");
    assertThat(fields.get("Id").path("createable").asBoolean()).isFalse();

    JsonNode opportunity = json(client.get(API + "/sobjects/opportunity/describe"));
    JsonNode accountId = null;
    for (JsonNode f : opportunity.path("fields")) {
      if (f.path("name").asText().equals("AccountId")) {
        accountId = f;
      }
    }
    assertThat(accountId.path("type").asText()).isEqualTo("reference");
    assertThat(accountId.path("referenceTo").toString()).isEqualTo("[\"Account\"]");
    assertThat(accountId.path("relationshipName").asText()).isEqualTo("Account");

    assertThat(json(client.get(API + "/sobjects")).path("sobjects").findValuesAsText("name")).containsExactly("Account", "Opportunity", "Invoice__c");
    HttpResponse<String> unknown = client.get(API + "/sobjects/Nothing/describe");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get(0).path("errorCode").asText()).isEqualTo("NOT_FOUND");
  }

  @Test
  void objectsAddedToTheSchemaTakeJobs() {
    JsonNode done = client.runJob("{\"object\":\"Invoice__c\",\"operation\":\"upsert\",\"externalIdFieldName\":\"Number__c\"}",
        "Number__c,Lines__c\nINV-1,3\nINV-2,2.5\n");
    assertThat(done.path("numberRecordsFailed").asInt()).isEqualTo(1);
    assertThat(emulator.records("Invoice__c")).singleElement().satisfies(r -> {
      assertThat(r).containsEntry("Lines__c", 3);
      assertThat((String) r.get("Id")).startsWith("a01");
    });
  }
}
