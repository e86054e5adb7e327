package dev.leakproof.connectors.salesforce.emulator;

import static dev.leakproof.connectors.salesforce.emulator.BulkIngestTest.UPSERT_ACCOUNT;
import static dev.leakproof.connectors.salesforce.emulator.testutils.EmulatorClient.API;
import static dev.leakproof.connectors.salesforce.emulator.testutils.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakproof.connectors.salesforce.emulator.testutils.EmulatorClient;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {

  private SalesforceEmulator emulator;
  private EmulatorClient client;

  @BeforeEach
  void start() {
    emulator = SalesforceEmulator.start(EmulatorConfig.defaults()
        .withSeed(Map.of("Account", List.of(Map.of("Name", "Acme", "Leakproof_Id__c", "ACC-1")))));
    client = new EmulatorClient(emulator);
    client.login();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void statusFaultsAnswer429And503WithRetryAfterThenRecover() {
    emulator.faults().tooManyRequests(2, 3);
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> r = client.get(API + "/limits");
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(r.headers().firstValue("Retry-After")).contains("3");
      assertThat(json(r).get(0).path("errorCode").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
    }
    assertThat(client.get(API + "/limits").statusCode()).isEqualTo(200);
    assertThat(emulator.apiUsage()).as("faulted calls are not counted").isEqualTo(1);

    emulator.faults().respondWith(503, 1, 5, API + "/jobs/ingest");
    assertThat(client.get(API + "/query?q=SELECT+Id+FROM+Account").statusCode()).isEqualTo(200);
    HttpResponse<String> unavailable = client.get(API + "/jobs/ingest");
    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(unavailable.headers().firstValue("Retry-After")).contains("5");
    assertThat(json(unavailable).get(0).path("errorCode").asText()).isEqualTo("SERVER_UNAVAILABLE");
    assertThat(client.get(API + "/jobs/ingest").statusCode()).isEqualTo(200);
  }

  @Test
  void theControlEndpointInjectsFaultsForScripts() {
    HttpResponse<String> set = client.raw("POST", "/__emulator/faults",
        "[{\"fault\":\"http-status\",\"status\":503,\"count\":1,\"retryAfterSeconds\":7},"
            + "{\"fault\":\"http-status\",\"status\":429,\"count\":1,\"pathPrefix\":\"/services/oauth2/token\"}]");
    assertThat(set.statusCode()).isEqualTo(200);
    HttpResponse<String> r = client.get(API + "/limits");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).contains("7");
    HttpResponse<String> token = client.form("/services/oauth2/token", "grant_type=client_credentials");
    assertThat(token.statusCode()).isEqualTo(429);
    assertThat(token.headers().firstValue("Retry-After")).contains("1");

    HttpResponse<String> bad = client.raw("POST", "/__emulator/faults", "{\"fault\":\"http-status\",\"status\":500}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get(0).path("errorCode").asText()).isEqualTo("INVALID_FAULT");
    assertThat(json(bad).get(0).path("message").asText()).isEqualTo("Invalid fault: Invalid fault status: 500 (429 or 503)");
    assertThat(client.raw("POST", "/__emulator/faults", "{nope").statusCode()).isEqualTo(400);
  }

  @Test
  void droppedConnectionsCloseTheSocketWithoutAResponse() {
    emulator.faults().dropConnections(1, API + "/jobs/ingest");
    assertThatThrownBy(() -> client.postJson(API + "/jobs/ingest", UPSERT_ACCOUNT)).isInstanceOf(UncheckedIOException.class);
    assertThat(client.postJson(API + "/jobs/ingest", UPSERT_ACCOUNT).statusCode()).isEqualTo(200);

    assertThat(client.raw("POST", "/__emulator/faults", "{\"fault\":\"drop-connection\",\"count\":1}").statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> client.patchJson(API + "/jobs/ingest/x", "{}")).isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void lockedRowsFailWithUnableToLockRow() {
    emulator.faults().lockRows(2);
    JsonNode done = client.runJob(UPSERT_ACCOUNT, "Leakproof_Id__c,Name\nACC-1,Acme\nACC-2,Globex\nACC-3,Initech\n");
    assertThat(done.path("numberRecordsFailed").asInt()).isEqualTo(2);
    String failed = client.results(done.path("id").asText(), "failedResults");
    String acmeId = (String) emulator.records("Account").get(0).get("Id");
    assertThat(failed).isEqualTo("\"sf__Id\",\"sf__Error\",Leakproof_Id__c,Name\n"
        + "\"" + acmeId + "\",\"UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record:--\",\"ACC-1\",\"Acme\"\n"
        + "\"\",\"UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record:--\",\"ACC-2\",\"Globex\"\n");
    assertThat(emulator.records("Account")).extracting(r -> r.get("Name")).containsExactly("Acme", "Initech");
  }

  @Test
  void slowJobsStayInProgressForTheGivenNumberOfPolls() {
    emulator.faults().slowJobs(3);
    String id = client.createJob(UPSERT_ACCOUNT);
    client.putCsv(API + "/jobs/ingest/" + id + "/batches", "Leakproof_Id__c,Name\nACC-2,Globex\n");
    client.patchJson(API + "/jobs/ingest/" + id, "{\"state\":\"UploadComplete\"}");
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (emulator.records("Account").size() < 2 && System.nanoTime() < deadline) {
      EmulatorClient.sleep(5);
    }
    List<String> states = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      states.add(json(client.get(API + "/jobs/ingest/" + id)).path("state").asText());
    }
    assertThat(states).containsExactly("InProgress", "InProgress", "InProgress", "JobComplete");
  }

  @Test
  void slowJobsCanBeHeldForADuration() {
    assertThat(client.raw("POST", "/__emulator/faults", "{\"fault\":\"slow-jobs\",\"durationMillis\":300}").statusCode()).isEqualTo(200);
    long start = System.nanoTime();
    JsonNode done = client.runJob(UPSERT_ACCOUNT, "Leakproof_Id__c,Name\nACC-2,Globex\n");
    assertThat(done.path("state").asText()).isEqualTo("JobComplete");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void theNextJobCanBeFailedOutright() {
    emulator.faults().failNextJob("InternalServerError : emulated outage");
    JsonNode failed = client.runJob(UPSERT_ACCOUNT, "Leakproof_Id__c,Name\nACC-2,Globex\n");
    assertThat(failed.path("state").asText()).isEqualTo("Failed");
    assertThat(failed.path("errorMessage").asText()).isEqualTo("InternalServerError : emulated outage");
    assertThat(client.results(failed.path("id").asText(), "unprocessedrecords")).isEqualTo("Leakproof_Id__c,Name\n\"ACC-2\",\"Globex\"\n");
    assertThat(client.runJob(UPSERT_ACCOUNT, "Leakproof_Id__c,Name\nACC-2,Globex\n").path("state").asText()).isEqualTo("JobComplete");
  }

  @Test
  void resetRestoresTheSeedAndClearsJobsUsageAndFaults() {
    client.runJob(UPSERT_ACCOUNT, "Leakproof_Id__c,Name\nACC-2,Globex\n");
    emulator.faults().tooManyRequests(5, 1);
    assertThat(client.raw("POST", "/__emulator/reset", null).statusCode()).isEqualTo(200);
    assertThat(emulator.records("Account")).extracting(r -> r.get("Name")).containsExactly("Acme");
    assertThat(emulator.jobs()).isEmpty();
    assertThat(emulator.apiUsage()).isZero();
    assertThat(client.get(API + "/limits").statusCode()).isEqualTo(200);
    JsonNode state = json(client.raw("GET", "/__emulator/state", null));
    assertThat(state.path("apiUsage").asLong()).isEqualTo(1);
    assertThat(state.path("records").path("Account").asInt()).isEqualTo(1);
  }

  @Test
  void throughputIsLimitedWhenConfigured() {
    try (SalesforceEmulator slow = SalesforceEmulator.start(EmulatorConfig.defaults().withRowsPerSecond(100))) {
      EmulatorClient c = new EmulatorClient(slow);
      StringBuilder csv = new StringBuilder("Leakproof_Id__c,Name\n");
      for (int i = 0; i < 21; i++) {
        csv.append("ACC-").append(i).append(",Name ").append(i).append('\n');
      }
      JsonNode done = c.runJob(UPSERT_ACCOUNT, csv.toString());
      assertThat(done.path("numberRecordsProcessed").asInt()).isEqualTo(21);
      assertThat(done.path("totalProcessingTime").asLong()).isGreaterThanOrEqualTo(190);
    }
  }
}
