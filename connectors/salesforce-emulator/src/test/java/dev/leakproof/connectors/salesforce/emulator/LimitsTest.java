package dev.leakproof.connectors.salesforce.emulator;

import static dev.leakproof.connectors.salesforce.emulator.testutils.EmulatorClient.API;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.connectors.salesforce.emulator.testutils.EmulatorClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class LimitsTest {

  @Test
  void everyApiCallCountsAndReportsSforceLimitInfoUntilTheBudgetIsSpent() {
    try (SalesforceEmulator emulator = SalesforceEmulator.start(EmulatorConfig.defaults().withDailyApiBudget(3))) {
      EmulatorClient client = new EmulatorClient(emulator);
      client.login();
      assertThat(emulator.apiUsage()).isZero();
      for (int i = 1; i <= 3; i++) {
        HttpResponse<String> r = client.get(API + "/sobjects/Account/describe");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Sforce-Limit-Info")).contains("api-usage=" + i + "/3");
      }
      HttpResponse<String> over = client.get(API + "/query?q=SELECT+COUNT()+FROM+Account");
      assertThat(over.statusCode()).isEqualTo(403);
      assertThat(over.body()).isEqualTo("[{\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"TotalRequests Limit exceeded.\"}]");
      assertThat(over.headers().firstValue("Sforce-Limit-Info")).contains("api-usage=3/3");
      assertThat(emulator.apiUsage()).isEqualTo(3);

      client.login();
      assertThat(emulator.apiUsage()).as("the token endpoint is not an API call").isEqualTo(3);
      emulator.reset();
      assertThat(client.get(API + "/limits").headers().firstValue("Sforce-Limit-Info")).contains("api-usage=1/3");
    }
  }

  @Test
  void limitsResourceReportsTheDailyBudget() {
    try (SalesforceEmulator emulator = SalesforceEmulator.start(EmulatorConfig.defaults())) {
      EmulatorClient client = new EmulatorClient(emulator);
      assertThat(EmulatorClient.json(client.get(API + "/limits")).path("DailyApiRequests").toString())
          .isEqualTo("{\"Max\":100000,\"Remaining\":99999}");
    }
  }

  @Test
  void unknownVersionsPathsAndMethodsGetTheDocumentedErrorShapes() {
    try (SalesforceEmulator emulator = SalesforceEmulator.start(EmulatorConfig.defaults())) {
      EmulatorClient client = new EmulatorClient(emulator);
      HttpResponse<String> old = client.get("/services/data/v46.0/limits");
      assertThat(old.statusCode()).isEqualTo(404);
      assertThat(EmulatorClient.json(old).get(0).path("errorCode").asText()).isEqualTo("NOT_FOUND");
      assertThat(old.headers().firstValue("Sforce-Limit-Info")).contains("api-usage=0/100000");
      assertThat(client.get("/services/data/v47.0/limits").statusCode()).isEqualTo(200);
      assertThat(client.get("/services/data/vX/limits").statusCode()).isEqualTo(404);
      assertThat(client.get(API + "/nothing/here").statusCode()).isEqualTo(404);
      assertThat(client.get("/services/data").statusCode()).isEqualTo(200);

      HttpResponse<String> method = client.delete(API + "/jobs/ingest");
      assertThat(method.statusCode()).isEqualTo(405);
      assertThat(EmulatorClient.json(method).get(0).path("errorCode").asText()).isEqualTo("METHOD_NOT_ALLOWED");

      HttpResponse<String> malformed = client.postJson(API + "/jobs/ingest", "{\"object\": ");
      assertThat(malformed.statusCode()).isEqualTo(400);
      assertThat(EmulatorClient.json(malformed).get(0).path("errorCode").asText()).isEqualTo("JSON_PARSER_ERROR");
      assertThat(malformed.body()).doesNotContain("Exception").doesNotContain("at dev.");
    }
  }
}
