package dev.leakproof.connectors.salesforce.emulator;

import static dev.leakproof.connectors.salesforce.emulator.testutils.EmulatorClient.API;
import static dev.leakproof.connectors.salesforce.emulator.testutils.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakproof.connectors.salesforce.emulator.testutils.EmulatorClient;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BulkIngestTest {

  static final String UPSERT_ACCOUNT =
      "{\"object\":\"Account\",\"operation\":\"upsert\",\"externalIdFieldName\":\"Leakproof_Id__c\",\"contentType\":\"CSV\",\"lineEnding\":\"LF\"}";
  static final String UPSERT_OPPORTUNITY =
      "{\"object\":\"Opportunity\",\"operation\":\"upsert\",\"externalIdFieldName\":\"Leakproof_Key__c\",\"contentType\":\"CSV\"}";

  private SalesforceEmulator emulator;
  private EmulatorClient client;
  private String acmeId;

  @BeforeEach
  void start() {
    emulator = SalesforceEmulator.start(EmulatorConfig.defaults().withMaxUploadBytes(4096).withSeed(Map.of("Account", List.of(
        Map.of("Name", "Acme", "Leakproof_Id__c", "ACC-1", "Expansion_ARR__c", new BigDecimal("1000"), "Renewal_Risk__c", "high")))));
    client = new EmulatorClient(emulator);
    acmeId = (String) emulator.records("Account").get(0).get("Id");
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void upsertJobRunsItsWholeLifecycleAndReportsResults() {
    HttpResponse<String> created = client.postJson(API + "/jobs/ingest", UPSERT_ACCOUNT);
    assertThat(created.statusCode()).isEqualTo(200);
    JsonNode job = json(created);
    String id = job.path("id").asText();
    assertThat(id).startsWith("750").hasSize(18);
    assertThat(job.path("state").asText()).isEqualTo("Open");
    assertThat(job.path("operation").asText()).isEqualTo("upsert");
    assertThat(job.path("object").asText()).isEqualTo("Account");
    assertThat(job.path("externalIdFieldName").asText()).isEqualTo("Leakproof_Id__c");
    assertThat(job.path("concurrencyMode").asText()).isEqualTo("Parallel");
    assertThat(job.path("apiVersion").asDouble()).isEqualTo(62.0);
    assertThat(job.path("contentUrl").asText()).isEqualTo("services/data/v62.0/jobs/ingest/" + id + "/batches");
    assertThat(job.path("createdDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");

    String csv = "Leakproof_Id__c,Name,Seats_Active__c,Seat_Utilisation__c,Renewal_Date__c,Leakproof_Synced_At__c\n"
        + "ACC-1,Acme Corp,65,81.25,2026-06-15,2026-06-15T12:00:00.000+02:00\n"
        + "ACC-2,\"Globex, Inc.\",12.5,40,,2026-06-15T10:00:00.000Z\n"
        + "ACC-3,Initech,3,,2027-01-31,\n";
    assertThat(client.putCsv(API + "/jobs/ingest/" + id + "/batches", csv).statusCode()).isEqualTo(201);
    HttpResponse<String> closed = client.patchJson(API + "/jobs/ingest/" + id, "{\"state\":\"UploadComplete\"}");
    assertThat(json(closed).path("state").asText()).isIn("UploadComplete", "InProgress", "JobComplete");

    JsonNode done = client.awaitTerminal(id);
    assertThat(done.path("state").asText()).isEqualTo("JobComplete");
    assertThat(done.path("numberRecordsProcessed").asInt()).isEqualTo(3);
    assertThat(done.path("numberRecordsFailed").asInt()).isZero();
    assertThat(done.path("retries").asInt()).isZero();
    assertThat(done.has("totalProcessingTime")).isTrue();

    List<Map<String, Object>> accounts = emulator.records("Account");
    assertThat(accounts).hasSize(3);
    Map<String, Object> acme = accounts.get(0);
    assertThat(acme).containsEntry("Id", acmeId).containsEntry("Name", "Acme Corp")
        .containsEntry("Seats_Active__c", new BigDecimal("65.00")).containsEntry("Seat_Utilisation__c", new BigDecimal("81.25"))
        .containsEntry("Renewal_Date__c", LocalDate.of(2026, 6, 15))
        .containsEntry("Leakproof_Synced_At__c", Instant.parse("2026-06-15T10:00:00Z"))
        .containsEntry("Expansion_ARR__c", new BigDecimal("1000.00"));
    String globexId = (String) accounts.get(1).get("Id");
    assertThat(globexId).startsWith("001").hasSize(18);
    assertThat(accounts.get(1)).containsEntry("Name", "Globex, Inc.").containsEntry("Renewal_Date__c", null);

    String header = "\"sf__Id\",\"sf__Created\",Leakproof_Id__c,Name,Seats_Active__c,Seat_Utilisation__c,Renewal_Date__c,Leakproof_Synced_At__c\n";
    assertThat(client.results(id, "successfulResults")).isEqualTo(header
        + "\"" + acmeId + "\",\"false\",\"ACC-1\",\"Acme Corp\",\"65\",\"81.25\",\"2026-06-15\",\"2026-06-15T12:00:00.000+02:00\"\n"
        + "\"" + globexId + "\",\"true\",\"ACC-2\",\"Globex, Inc.\",\"12.5\",\"40\",\"\",\"2026-06-15T10:00:00.000Z\"\n"
        + "\"" + accounts.get(2).get("Id") + "\",\"true\",\"ACC-3\",\"Initech\",\"3\",\"\",\"2027-01-31\",\"\"\n");
    assertThat(client.results(id, "failedResults"))
        .isEqualTo("\"sf__Id\",\"sf__Error\",Leakproof_Id__c,Name,Seats_Active__c,Seat_Utilisation__c,Renewal_Date__c,Leakproof_Synced_At__c\n");
    assertThat(client.results(id, "unprocessedrecords"))
        .isEqualTo("Leakproof_Id__c,Name,Seats_Active__c,Seat_Utilisation__c,Renewal_Date__c,Leakproof_Synced_At__c\n");
    assertThat(emulator.jobs()).singleElement().satisfies(s -> {
      assertThat(s.state()).isEqualTo(JobState.JOB_COMPLETE);
      assertThat(s.numberRecordsProcessed()).isEqualTo(3);
    });
  }

  @Test
  void naSetsFieldsToNullWhileEmptyValuesLeaveThemUnchanged() {
    JsonNode done = client.runJob(UPSERT_ACCOUNT, "Leakproof_Id__c,Expansion_ARR__c,Renewal_Risk__c\nACC-1,#N/A,\n");
    assertThat(done.path("numberRecordsFailed").asInt()).isZero();
    assertThat(emulator.records("Account").get(0)).containsEntry("Expansion_ARR__c", null).containsEntry("Renewal_Risk__c", "high");

    JsonNode update = client.runJob("{\"object\":\"Account\",\"operation\":\"update\"}", "Id,Renewal_Risk__c,Name\n" + acmeId + ",#N/A,\n");
    assertThat(update.path("numberRecordsProcessed").asInt()).isEqualTo(1);
    assertThat(emulator.records("Account").get(0)).containsEntry("Renewal_Risk__c", null).containsEntry("Name", "Acme");

    JsonNode required = client.runJob("{\"object\":\"Account\",\"operation\":\"update\"}", "Id,Name\n" + acmeId + ",#N/A\n");
    assertThat(client.results(required.path("id").asText(), "failedResults")).endsWith(
        "\"" + acmeId + "\",\"REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --\",\"" + acmeId + "\",\"#N/A\"\n");
  }

  @Test
  void relationshipColumnsResolveTheParentByExternalId() {
    String csv = "Leakproof_Key__c,Name,StageName,CloseDate,Amount,Account.Leakproof_Id__c\n"
        + "OPP-1,Acme expansion,Proposal,2026-09-30,48000,ACC-1\n"
        + "OPP-2,Ghost renewal,Prospecting,2026-10-31,1000,ACC-404\n";
    JsonNode done = client.runJob(UPSERT_OPPORTUNITY, csv);
    assertThat(done.path("numberRecordsProcessed").asInt()).isEqualTo(2);
    assertThat(done.path("numberRecordsFailed").asInt()).isEqualTo(1);
    assertThat(emulator.records("Opportunity")).singleElement().satisfies(o -> {
      assertThat(o).containsEntry("AccountId", acmeId).containsEntry("Amount", new BigDecimal("48000.00"));
      assertThat((String) o.get("Id")).startsWith("006");
    });
    assertThat(client.results(done.path("id").asText(), "failedResults")).isEqualTo(
        "\"sf__Id\",\"sf__Error\",Leakproof_Key__c,Name,StageName,CloseDate,Amount,Account.Leakproof_Id__c\n"
            + "\"\",\"INVALID_FIELD:Foreign key external ID: ACC-404 not found for field Leakproof_Id__c in entity Account:--\","
            + "\"OPP-2\",\"Ghost renewal\",\"Prospecting\",\"2026-10-31\",\"1000\",\"ACC-404\"\n");
  }

  @Test
  void anUnknownOrReadOnlyColumnFailsTheWholeJob() {
    JsonNode unknown = client.runJob(UPSERT_ACCOUNT, "Leakproof_Id__c,Name,Bogus__c\nACC-9,Nine,x\nACC-10,Ten,y\n");
    assertThat(unknown.path("state").asText()).isEqualTo("Failed");
    assertThat(unknown.path("errorMessage").asText()).isEqualTo("InvalidBatch : Field name not found : Bogus__c");
    assertThat(unknown.path("numberRecordsProcessed").asInt()).isZero();
    String id = unknown.path("id").asText();
    assertThat(client.results(id, "unprocessedrecords")).isEqualTo("Leakproof_Id__c,Name,Bogus__c\n\"ACC-9\",\"Nine\",\"x\"\n\"ACC-10\",\"Ten\",\"y\"\n");
    assertThat(emulator.records("Account")).hasSize(1);

    JsonNode readOnly = client.runJob(UPSERT_ACCOUNT, "Leakproof_Id__c,CreatedDate\nACC-9,2026-01-01T00:00:00Z\n");
    assertThat(readOnly.path("errorMessage").asText()).isEqualTo("InvalidBatch : Field name not found : CreatedDate");
    JsonNode badRelationship = client.runJob(UPSERT_OPPORTUNITY, "Leakproof_Key__c,Account.Name\nOPP-1,Acme\n");
    assertThat(badRelationship.path("errorMessage").asText()).isEqualTo("InvalidBatch : Field name not found : Account.Name");
  }

  @Test
  void duplicateExternalIdsInOneUploadFailEveryRowCarryingThem() {
    JsonNode done = client.runJob(UPSERT_ACCOUNT, "Leakproof_Id__c,Name\nACC-7,Seven\nACC-8,Eight\nACC-7,Seven again\n");
    assertThat(done.path("numberRecordsFailed").asInt()).isEqualTo(2);
    assertThat(client.results(done.path("id").asText(), "failedResults")).isEqualTo("\"sf__Id\",\"sf__Error\",Leakproof_Id__c,Name\n"
        + "\"\",\"DUPLICATE_EXTERNAL_ID:Duplicate external id specified: ACC-7:--\",\"ACC-7\",\"Seven\"\n"
        + "\"\",\"DUPLICATE_EXTERNAL_ID:Duplicate external id specified: ACC-7:--\",\"ACC-7\",\"Seven again\"\n");
    assertThat(emulator.records("Account")).extracting(r -> r.get("Name")).containsExactly("Acme", "Eight");
  }

  @Test
  void rowsAreValidatedByFieldMetadata() {
    String longName = "x".repeat(256);
    String csv = "Name,Leakproof_Id__c,Seats_Active__c,Expansion_Signal__c,Renewal_Date__c,Leakproof_Synced_At__c,Open_Leakage__c\n"
        + longName + ",A1,,,,,\n"
        + "Ok,A2,abc,,,,\n"
        + "Ok,A3,,maybe,,,\n"
        + ",A4,,,,,\n"
        + "Ok,A5,,,15/06/2026,,\n"
        + "Ok,A6,,,,yesterday,\n"
        + "Ok,ACC-1,,,,,\n"
        + "Ok,A8,,,,,12345678901234567\n"
        + "Fine,A9,10,expand,2026-06-15,2026-06-15T10:00:00Z,99.999\n";
    JsonNode done = client.runJob("{\"object\":\"Account\",\"operation\":\"insert\"}", csv);
    assertThat(done.path("numberRecordsProcessed").asInt()).isEqualTo(9);
    assertThat(done.path("numberRecordsFailed").asInt()).isEqualTo(8);
    List<String> errors = client.results(done.path("id").asText(), "failedResults").lines().skip(1)
        .map(l -> l.split("\",\"")[1]).toList();
    assertThat(errors).containsExactly(
        "STRING_TOO_LONG:Account Name: data value too large: " + longName + " (max length=255):Name --",
        "INVALID_TYPE_ON_FIELD_IN_RECORD:Seats Active: value not of required type: abc:Seats_Active__c --",
        "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Expansion Signal: bad value for restricted picklist field: maybe:Expansion_Signal__c --",
        "REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --",
        "INVALID_TYPE_ON_FIELD_IN_RECORD:Renewal Date: value not of required type: 15/06/2026:Renewal_Date__c --",
        "INVALID_TYPE_ON_FIELD_IN_RECORD:Leakproof Synced At: value not of required type: yesterday:Leakproof_Synced_At__c --",
        "DUPLICATE_VALUE:duplicate value found: Leakproof_Id__c duplicates value on record with id: " + acmeId + ":--",
        "NUMBER_OUTSIDE_VALID_RANGE:Open Leakage: value outside of valid range on numeric field: 12345678901234567:Open_Leakage__c --");
    assertThat(emulator.records("Account").get(1)).containsEntry("Name", "Fine").containsEntry("Open_Leakage__c", new BigDecimal("100.00"));
  }

  @Test
  void opportunitiesNeedTheirRequiredFieldsAndRealParents() {
    String csv = "Name,StageName,CloseDate,AccountId\n"
        + "No stage,,,\n"
        + "Wrong parent,Proposal,2026-01-01,006000000000001AAA\n"
        + "Missing parent,Proposal,2026-01-01,001Lp0000zzzzzz\n"
        + "Good,Closed Won,2026-01-01," + acmeId + "\n";
    JsonNode done = client.runJob("{\"object\":\"Opportunity\",\"operation\":\"insert\"}", csv);
    List<String> errors = client.results(done.path("id").asText(), "failedResults").lines().skip(1)
        .map(l -> l.split("\",\"")[1]).toList();
    assertThat(errors).hasSize(3);
    assertThat(errors.get(0)).isEqualTo("REQUIRED_FIELD_MISSING:Required fields are missing: [StageName, CloseDate]:StageName,CloseDate --");
    assertThat(errors.get(1)).startsWith("FIELD_INTEGRITY_EXCEPTION:Account ID: id value of incorrect type: 006000000000001AAA");
    assertThat(errors.get(2)).startsWith("INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:AccountId --");
  }

  @Test
  void updateAndDeleteWorkByIdAndReportBadIds() {
    JsonNode update = client.runJob("{\"object\":\"Account\",\"operation\":\"update\"}",
        "Id,Health_Score__c\n" + acmeId + ",72.5\n,1\n001Lp0000zzzzzz,2\n");
    assertThat(update.path("numberRecordsFailed").asInt()).isEqualTo(2);
    assertThat(client.results(update.path("id").asText(), "failedResults")).contains(
        "\"\",\"MISSING_ARGUMENT:Id not specified in an update call:--\"",
        "INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--");
    assertThat(emulator.records("Account").get(0)).containsEntry("Health_Score__c", new BigDecimal("72.50"));

    JsonNode delete = client.runJob("{\"object\":\"Account\",\"operation\":\"delete\"}", "Id\n" + acmeId + "\n");
    assertThat(delete.path("numberRecordsFailed").asInt()).isZero();
    assertThat(emulator.records("Account")).isEmpty();
    JsonNode again = client.runJob("{\"object\":\"Account\",\"operation\":\"delete\"}", "Id\n" + acmeId + "\n");
    assertThat(client.results(again.path("id").asText(), "failedResults")).contains("ENTITY_IS_DELETED:entity is deleted:--");
  }

  @Test
  void jobDefinitionsAreValidated() {
    HttpResponse<String> unknown = client.postJson(API + "/jobs/ingest", "{\"object\":\"Invoice__c\",\"operation\":\"insert\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get(0).path("errorCode").asText()).isEqualTo("NOT_FOUND");
    HttpResponse<String> noKey = client.postJson(API + "/jobs/ingest", "{\"object\":\"Account\",\"operation\":\"upsert\"}");
    assertThat(noKey.statusCode()).isEqualTo(400);
    assertThat(json(noKey).get(0).path("errorCode").asText()).isEqualTo("INVALIDJOB");
    HttpResponse<String> notExternal = client.postJson(API + "/jobs/ingest",
        "{\"object\":\"Account\",\"operation\":\"upsert\",\"externalIdFieldName\":\"Name\"}");
    assertThat(notExternal.statusCode()).isEqualTo(400);
    assertThat(json(notExternal).get(0).path("message").asText()).contains("Name", "not an external id");
    assertThat(client.postJson(API + "/jobs/ingest", "{\"object\":\"Account\",\"operation\":\"merge\"}").statusCode()).isEqualTo(400);
    assertThat(client.postJson(API + "/jobs/ingest", "{\"object\":\"Account\",\"operation\":\"insert\",\"lineEnding\":\"CR\"}").statusCode())
        .isEqualTo(400);
  }

  @Test
  void uploadsAreSingleSizeLimitedAndOnlyForOpenJobs() {
    String id = client.createJob(UPSERT_ACCOUNT);
    String path = API + "/jobs/ingest/" + id + "/batches";
    HttpResponse<String> tooBig = client.putCsv(path, "Leakproof_Id__c,Name\n" + "ACC-9,Nine\n".repeat(400));
    assertThat(tooBig.statusCode()).isEqualTo(400);
    assertThat(json(tooBig).get(0).path("errorCode").asText()).isEqualTo("INVALIDJOB");
    assertThat(client.putCsv(path, "Leakproof_Id__c,Name\nACC-9,Nine\n").statusCode()).isEqualTo(201);
    HttpResponse<String> second = client.putCsv(path, "Leakproof_Id__c,Name\nACC-10,Ten\n");
    assertThat(second.statusCode()).isEqualTo(400);
    assertThat(json(second).get(0).path("errorCode").asText()).isEqualTo("INVALIDJOB");
    assertThat(json(second).get(0).path("message").asText()).startsWith("Found multiple contents for job: <" + id + ">");
    client.patchJson(API + "/jobs/ingest/" + id, "{\"state\":\"UploadComplete\"}");
    HttpResponse<String> closed = client.putCsv(path, "Leakproof_Id__c,Name\nACC-11,Eleven\n");
    assertThat(closed.statusCode()).isEqualTo(400);
    assertThat(json(closed).get(0).path("errorCode").asText()).isEqualTo("INVALIDJOBSTATE");
    assertThat(client.awaitTerminal(id).path("numberRecordsProcessed").asInt()).isEqualTo(1);
  }

  @Test
  void abortedJobsKeepTheirRowsAsUnprocessedAndFinishedJobsCanBeListedAndDeleted() {
    String id = client.createJob(UPSERT_ACCOUNT);
    client.putCsv(API + "/jobs/ingest/" + id + "/batches", "Leakproof_Id__c,Name\nACC-5,Five\n");
    HttpResponse<String> aborted = client.patchJson(API + "/jobs/ingest/" + id, "{\"state\":\"Aborted\"}");
    assertThat(json(aborted).path("state").asText()).isEqualTo("Aborted");
    assertThat(client.results(id, "unprocessedrecords")).isEqualTo("Leakproof_Id__c,Name\n\"ACC-5\",\"Five\"\n");
    assertThat(client.patchJson(API + "/jobs/ingest/" + id, "{\"state\":\"UploadComplete\"}").statusCode()).isEqualTo(400);

    String open = client.createJob(UPSERT_ACCOUNT);
    JsonNode list = json(client.get(API + "/jobs/ingest"));
    assertThat(list.path("done").asBoolean()).isTrue();
    assertThat(list.path("records").findValuesAsText("id")).containsExactly(id, open);
    assertThat(client.delete(API + "/jobs/ingest/" + open).statusCode()).isEqualTo(400);
    HttpResponse<String> early = client.get(API + "/jobs/ingest/" + open + "/successfulResults");
    assertThat(early.statusCode()).isEqualTo(400);
    assertThat(json(early).get(0).path("errorCode").asText()).isEqualTo("INVALIDJOBSTATE");
  }

  @Test
  void finishedJobsCanBeDeleted() {
    String id = client.runJob(UPSERT_ACCOUNT, "Leakproof_Id__c,Name\nACC-5,Five\n").path("id").asText();
    assertThat(client.delete(API + "/jobs/ingest/" + id).statusCode()).isEqualTo(204);
    assertThat(client.get(API + "/jobs/ingest/" + id).statusCode()).isEqualTo(404);
    assertThat(emulator.jobs()).isEmpty();
  }

  @Test
  void crlfSemicolonFilesWithQuotedLineBreaksAreParsed() {
    String job = "{\"object\":\"Opportunity\",\"operation\":\"insert\",\"lineEnding\":\"CRLF\",\"columnDelimiter\":\"SEMICOLON\"}";
    JsonNode done = client.runJob(job, "Name;StageName;CloseDate;Description\r\nBig deal;Proposal;2026-03-01;\"line one\r\nline \"\"two\"\"; done\"\r\n");
    assertThat(done.path("numberRecordsFailed").asInt()).isZero();
    assertThat(emulator.records("Opportunity").get(0)).containsEntry("Description", "line one\r\nline \"two\"; done");
    assertThat(client.results(done.path("id").asText(), "successfulResults")).startsWith("\"sf__Id\";\"sf__Created\";Name;StageName;CloseDate;Description\r\n");
  }
}
