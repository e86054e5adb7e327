package dev.leakproof.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.connectors.salesforce.emulator.EmulatorConfig;
import dev.leakproof.connectors.salesforce.testutils.OrgFixture;
import dev.leakproof.connectors.sync.Guardrails;
import dev.leakproof.connectors.sync.RunRecord;
import dev.leakproof.connectors.sync.SyncFailedException;
import dev.leakproof.connectors.sync.SyncMode;
import dev.leakproof.connectors.sync.SyncSpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpportunitiesAndJwtIT {

  @Test
  void expansionsBecomeOneOpportunityEachOnTheirAccountAndTheStageStaysTheAesOwn() throws Exception {
    try (OrgFixture f = OrgFixture.start()) {
      f.addAccounts(1, 3);
      f.sync();
      f.sql("CREATE TABLE opportunities_model (opportunity_key VARCHAR, account_id VARCHAR, name VARCHAR, "
          + "stage VARCHAR, close_date DATE, amount DECIMAL(18,2), description VARCHAR)");
      f.sql("INSERT INTO opportunities_model VALUES ('EXP-CTR-00002-Y2', 'ACC-00002', 'Expansion: Customer 2 +40 "
          + "seats', 'Prospecting', DATE '2026-07-15', 9580.80, '90 used vs 50 licensed in 2026-05.')");
      SyncSpec spec = opportunities();
      RunRecord created = f.sync(spec);
      assertThat(created.confirmed()).isEqualTo(1);
      Map<String, Object> opp = f.org.records("Opportunity").get(0);
      String accountId = (String) f.accountsByLeakproofId().get("ACC-00002").get("Id");
      assertThat(opp).containsEntry("AccountId", accountId).containsEntry("StageName", "Prospecting")
          .containsEntry("Amount", new BigDecimal("9580.80")).containsEntry("Leakproof_Key__c", "EXP-CTR-00002-Y2");

      // the AE qualifies it in Salesforce
      try (SalesforceDestination d = f.destination()) {
        BulkApi api = d.api();
        BulkApi.JobInfo job = api.createJob("Opportunity", "update", null);
        api.upload(job.id(), ("Id,StageName\n" + opp.get("Id") + ",Qualification\n").getBytes(StandardCharsets.UTF_8));
        api.closeJob(job.id());
        for (int i = 0; i < 200 && !api.job(job.id()).finished(); i++) {
          Thread.sleep(10);
        }
      }
      f.sql("UPDATE opportunities_model SET amount = 11976.00, stage = 'Prospecting', "
          + "name = 'Expansion: Customer 2 +50 seats'");
      RunRecord updated = f.sync(spec);
      assertThat(updated.updates()).isEqualTo(1);
      assertThat(f.org.records("Opportunity")).singleElement().satisfies(o -> assertThat(o)
          .containsEntry("Amount", new BigDecimal("11976.00")).containsEntry("StageName", "Qualification")
          .containsEntry("Name", "Expansion: Customer 2 +40 seats"));
      assertThat(f.sync(spec).unchanged()).isEqualTo(1);
    }
  }

  @Test
  void theJwtBearerFlowSignsInWithTheConnectedAppsKey(@TempDir Path dir) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    Path pem = dir.resolve("leakproof.key");
    Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    EmulatorConfig config = EmulatorConfig.defaults().withJwt((RSAPublicKey) pair.getPublic(), "integration@acme.com");
    try (OrgFixture f = new OrgFixture(config, "jdbc:duckdb:")) {
      f.addAccounts(1, 4);
      f.set("auth.flow", "jwt-bearer");
      f.env.put("SALESFORCE_AUTH_USERNAME", "integration@acme.com");
      f.env.put("SALESFORCE_AUTH_PRIVATE_KEY_FILE", pem.toString());
      assertThat(f.sync().confirmed()).isEqualTo(4);

      f.env.put("SALESFORCE_AUTH_USERNAME", "someone@else.com");
      f.sql("UPDATE accounts_model SET seats_active = 99");
      assertThatThrownBy(f::sync).isInstanceOf(SyncFailedException.class).hasMessageContaining("invalid_grant");
    }
  }

  private static SyncSpec opportunities() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("opportunity_key", "Leakproof_Key__c");
    m.put("account_id", "Account.Leakproof_Id__c");
    m.put("name", "Name");
    m.put("stage", "StageName");
    m.put("close_date", "CloseDate");
    m.put("amount", "Amount");
    m.put("description", "Description");
    return new SyncSpec("salesforce_opportunities", "", "opportunities_model", "opportunity_key", "salesforce",
        "Opportunity", "Leakproof_Key__c", SyncMode.UPSERT, m, List.of("Name", "StageName", "CloseDate"),
        Guardrails.defaults(), 100);
  }
}
