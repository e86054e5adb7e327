package dev.leakproof.connectors.salesforce.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigAndSchemaTest {

  @Test
  void configIsValidatedWithNamedKeysAndPrintsNoSecret() {
    EmulatorConfig d = EmulatorConfig.defaults();
    assertThat(d.tokenLifetime()).isEqualTo(Duration.ofHours(2));
    assertThat(d.dailyApiBudget()).isEqualTo(100_000);
    assertThat(d.maxUploadBytes()).isEqualTo(150L * 1024 * 1024);
    assertThat(d.toString()).contains("clientSecret=****").doesNotContain(d.clientSecret());
    assertThatThrownBy(() -> d.withPort(70_000)).hasMessage("Invalid salesforce.emulator.port: 70000 (0-65535)");
    assertThatThrownBy(() -> d.withDailyApiBudget(0)).hasMessage("Invalid salesforce.emulator.daily-api-budget: 0 (must be positive)");
    assertThatThrownBy(() -> d.withRowsPerSecond(-1)).hasMessageStartingWith("Invalid salesforce.emulator.rows-per-second: -1");
    assertThatThrownBy(() -> d.withClientCredentials(" ", "s")).hasMessage("Invalid salesforce.emulator.client-id:   (must not be blank)");
    assertThatThrownBy(() -> d.withTokenLifetime(Duration.ZERO)).hasMessageStartingWith("Invalid salesforce.emulator.token-lifetime");
    assertThatThrownBy(() -> d.withSeed(Map.of("Lead", List.of()))).hasMessage("Invalid salesforce.emulator.seed: Lead (no such object in the schema)");
  }

  @Test
  void invalidSeedRecordsStopTheStart() {
    EmulatorConfig bad = EmulatorConfig.defaults().withSeed(Map.of("Account", List.of(Map.of("Leakproof_Id__c", "ACC-1"))));
    assertThatThrownBy(() -> SalesforceEmulator.start(bad))
        .hasMessageContaining("Cannot insert Account").hasMessageContaining("REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --");
  }

  @Test
  void schemaIsADataStructureTestsCanExtend() {
    Schema schema = Schema.leakproof();
    SObjectType account = schema.object("account").orElseThrow();
    assertThat(account.fields()).extracting(FieldDef::name).startsWith("Id", "Name").endsWith("CreatedDate", "LastModifiedDate").hasSize(23);
    assertThat(account.field("leakproof_id__c").orElseThrow().unique()).isTrue();
    Schema extended = schema.withField("Account", FieldDef.string("Tier__c", 10));
    assertThat(extended.object("Account").orElseThrow().field("Tier__c")).isPresent();
    assertThat(extended.object("Account").orElseThrow().fields()).extracting(FieldDef::name).endsWith("Tier__c", "CreatedDate", "LastModifiedDate");
    assertThat(schema.object("Account").orElseThrow().field("Tier__c")).isEmpty();
    assertThat(schema.object("Opportunity").orElseThrow().relationship("account").orElseThrow().name()).isEqualTo("AccountId");
    assertThat(FieldDef.reference("Parent_Account__c", "Account").relationshipName()).isEqualTo("Parent_Account__r");
    assertThatThrownBy(() -> schema.withField("Lead", FieldDef.string("X", 1))).hasMessage("Cannot add field X: unknown object Lead");
    assertThatThrownBy(() -> SObjectType.of("Bad", "0011")).hasMessage("Invalid key prefix of Bad: 0011 (3 letters or digits)");
    assertThatThrownBy(() -> schema.withObject(SObjectType.of("Thing__c", "001"))).hasMessageContaining("declared twice");
    assertThatThrownBy(() -> FieldDef.picklist("Empty__c")).hasMessage("Invalid picklist field Empty__c: no values");
    assertThatThrownBy(() -> new Schema(List.of(SObjectType.of("Child__c", "a02", FieldDef.reference("Parent__c", "Parent__c")))))
        .hasMessage("Invalid reference Child__c.Parent__c: unknown object Parent__c");
  }

  @Test
  void idsCarryTheDocumentedCaseChecksum() {
    assertThat(SalesforceIds.to18("001A0000006Vm9r")).isEqualTo("001A0000006Vm9rIAC");
    assertThat(SalesforceIds.normalize("001A0000006Vm9r")).isEqualTo("001A0000006Vm9rIAC");
    assertThat(SalesforceIds.normalize("001A0000006Vm9rIAC")).isEqualTo("001A0000006Vm9rIAC");
    assertThat(SalesforceIds.normalize("001A0000006Vm9rAAA")).isNull();
    assertThat(SalesforceIds.normalize("not-an-id")).isNull();
    SalesforceIds ids = new SalesforceIds();
    String first = ids.next("001");
    assertThat(first).hasSize(18).startsWith("001").isEqualTo(SalesforceIds.normalize(first.substring(0, 15)));
    assertThat(ids.next("001")).isNotEqualTo(first);
  }

  @Test
  void csvFollowsRfc4180() throws Exception {
    assertThat(Csv.parse("\uFEFFa,b\r\n\"x,1\",\"say \"\"hi\"\"\"\n\n\"multi\nline\",\n", ','))
        .containsExactly(List.of("a", "b"), List.of("x,1", "say \"hi\""), List.of("multi\nline", ""));
    assertThatThrownBy(() -> Csv.parse("a\n\"open", ',')).isInstanceOf(Csv.MalformedCsv.class).hasMessageContaining("unterminated");
    assertThat(Csv.write(List.of("sf__Id"), List.of("Name", "A,B"), List.of(List.of("1", "x\"y", "")), ',', "\n"))
        .isEqualTo("\"sf__Id\",Name,\"A,B\"\n\"1\",\"x\"\"y\",\"\"\n");
  }

  @Test
  void faultsRefuseNonsense() {
    Faults faults = new Faults();
    assertThatThrownBy(() -> faults.tooManyRequests(0, 1)).hasMessage("Invalid fault count: 0 (must be positive)");
    assertThatThrownBy(() -> faults.dropConnections(1, "services")).hasMessage("Invalid fault path prefix: services (must start with /)");
    assertThatThrownBy(() -> faults.slowJobs(Duration.ZERO)).hasMessageStartingWith("Invalid slow-jobs duration");
    assertThatThrownBy(() -> faults.failNextJob(" ")).hasMessage("Invalid fail-next-job message: blank");
  }
}
