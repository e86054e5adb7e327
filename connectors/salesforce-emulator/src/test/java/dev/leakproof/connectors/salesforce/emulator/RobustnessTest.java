package dev.leakproof.connectors.salesforce.emulator;

import static dev.leakproof.connectors.salesforce.emulator.BulkIngestTest.UPSERT_ACCOUNT;
import static dev.leakproof.connectors.salesforce.emulator.testutils.EmulatorClient.API;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.connectors.salesforce.emulator.testutils.EmulatorClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RobustnessTest {

  @Test
  void concurrentJobsAndQueriesKeepEveryRow() throws Exception {
    try (SalesforceEmulator emulator = SalesforceEmulator.start(EmulatorConfig.defaults())) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          EmulatorClient c = new EmulatorClient(emulator);
          StringBuilder csv = new StringBuilder("Leakproof_Id__c,Name,Seats_Active__c\n");
          for (int i = 0; i < 50; i++) {
            csv.append("T").append(thread).append("-").append(i).append(",Account ").append(i).append(",").append(i).append('\n');
          }
          c.get(API + "/query?q=SELECT+COUNT()+FROM+Account");
          return c.runJob(UPSERT_ACCOUNT, csv.toString()).path("numberRecordsProcessed").asInt();
        }));
      }
      for (Future<Integer> f : results) {
        assertThat(f.get()).isEqualTo(50);
      }
      pool.shutdown();
      assertThat(emulator.records("Account")).hasSize(400);
      assertThat(emulator.jobs()).hasSize(8).allSatisfy(j -> assertThat(j.numberRecordsFailed()).isZero());
    }
  }

  @Test
  void theHtmlPageListsObjectsAndRecordsEscaped() {
    try (SalesforceEmulator emulator = SalesforceEmulator.start(EmulatorConfig.defaults()
        .withSeed(Map.of("Account", List.of(Map.of("Name", "<script>x</script>", "Leakproof_Id__c", "ACC-1")))))) {
      EmulatorClient client = new EmulatorClient(emulator);
      HttpResponse<String> page = client.raw("GET", "/", null);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).contains("text/html;charset=UTF-8");
      assertThat(page.body()).contains("<h2>Account (1)</h2>", "&lt;script&gt;x&lt;/script&gt;", "ACC-1", "<h2>Opportunity (0)</h2>",
          "Ingest jobs").doesNotContain("<script>");
      HttpResponse<String> one = client.raw("GET", "/records/Opportunity", null);
      assertThat(one.body()).contains("<h2>Opportunity (0)</h2>").doesNotContain("<h2>Account");
      assertThat(client.raw("GET", "/records/Nothing", null).statusCode()).isEqualTo(404);
      assertThat(emulator.apiUsage()).isZero();
    }
  }

  @Test
  void insertHelperValidatesLikeAJobRow() {
    try (SalesforceEmulator emulator = SalesforceEmulator.start(EmulatorConfig.defaults())) {
      String id = emulator.insert("Account", Map.of("Name", "Acme", "Leakproof_Id__c", "ACC-1"));
      assertThat(emulator.records("Account")).singleElement().satisfies(r -> assertThat(r).containsEntry("Id", id));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> emulator.insert("Account", Map.of("Name", "Dup", "Leakproof_Id__c", "ACC-1")))
          .hasMessageContaining("DUPLICATE_VALUE:duplicate value found: Leakproof_Id__c duplicates value on record with id: " + id);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> emulator.records("Lead")).hasMessage("Invalid object: Lead (not in the emulator's schema)");
    }
  }
}
