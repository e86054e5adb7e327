package dev.leakproof.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.ErrorKind;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SalesforceErrorParserTest {

  @ParameterizedTest(name = "{0} on a row is {1}")
  @CsvSource({
      "UNABLE_TO_LOCK_ROW, RETRIABLE",
      "SERVER_UNAVAILABLE, RETRIABLE",
      "REQUEST_RUNNING_TOO_LONG, RETRIABLE",
      "DUPLICATE_VALUE, ROW_INVALID",
      "DUPLICATE_EXTERNAL_ID, ROW_INVALID",
      "DUPLICATES_DETECTED, ROW_INVALID",
      "INVALID_FIELD, ROW_INVALID",
      "REQUIRED_FIELD_MISSING, ROW_INVALID",
      "STRING_TOO_LONG, ROW_INVALID",
      "INVALID_TYPE_ON_FIELD_IN_RECORD, ROW_INVALID",
      "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, ROW_INVALID",
      "NUMBER_OUTSIDE_VALID_RANGE, ROW_INVALID",
      "FIELD_CUSTOM_VALIDATION_EXCEPTION, ROW_INVALID",
      "INVALID_CROSS_REFERENCE_KEY, ROW_INVALID",
      "MALFORMED_ID, ROW_INVALID",
      "ENTITY_IS_DELETED, ROW_INVALID",
      "INSUFFICIENT_ACCESS_OR_READONLY, ROW_INVALID",
      "STORAGE_LIMIT_EXCEEDED, ROW_INVALID",
      "SOME_FUTURE_CODE, ROW_INVALID"})
  void rowCodes(String code, ErrorKind kind) {
    assertThat(SalesforceErrorParser.rowKind(code)).isEqualTo(kind);
  }

  @ParameterizedTest(name = "HTTP {0} {1} is {2}")
  @CsvSource({
      "429, REQUEST_LIMIT_EXCEEDED, RETRIABLE",
      "403, REQUEST_LIMIT_EXCEEDED, PERMANENT",
      "503, SERVER_UNAVAILABLE, RETRIABLE",
      "500, UNKNOWN_EXCEPTION, RETRIABLE",
      "401, INVALID_SESSION_ID, PERMANENT",
      "403, INSUFFICIENT_ACCESS, PERMANENT",
      "400, INVALID_FIELD, PERMANENT",
      "404, NOT_FOUND, PERMANENT",
      "400, INVALIDJOB, PERMANENT",
      "400, API_DISABLED_FOR_ORG, PERMANENT",
      "400, STORAGE_LIMIT_EXCEEDED, PERMANENT"})
  void callCodes(int status, String code, ErrorKind kind) {
    DestinationException e = SalesforceErrorParser.call(status, "[{\"errorCode\":\"" + code + "\",\"message\":\"m\"}]",
        null, "create a job");
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.getMessage()).isEqualTo("Cannot create a job: HTTP " + status + " " + code + ": m");
  }

  @Test
  void oauthErrorsAndBodiesThatAreNotJson() {
    DestinationException oauth = SalesforceErrorParser.call(400,
        "{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}", null, "log in");
    assertThat(oauth.kind()).isEqualTo(ErrorKind.PERMANENT);
    assertThat(oauth.getMessage()).isEqualTo("Cannot log in: HTTP 400 invalid_client: invalid client credentials");
    DestinationException proxy = SalesforceErrorParser.call(502, "<html>Bad gateway</html>", Duration.ofSeconds(4),
        "read job 750");
    assertThat(proxy.kind()).isEqualTo(ErrorKind.RETRIABLE);
    assertThat(proxy.code()).isEqualTo("HTTP_502");
    assertThat(proxy.retryAfter()).contains(Duration.ofSeconds(4));
  }

  @Test
  void rowErrorsAreSplitIntoCodeMessageAndFields() {
    assertThat(SalesforceErrorParser.row("REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --"))
        .isEqualTo(new SalesforceErrorParser.RowError("REQUIRED_FIELD_MISSING",
            "Required fields are missing: [Name] (Name)", ErrorKind.ROW_INVALID));
    assertThat(SalesforceErrorParser.row("UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record:--"))
        .isEqualTo(new SalesforceErrorParser.RowError("UNABLE_TO_LOCK_ROW",
            "unable to obtain exclusive access to this record", ErrorKind.RETRIABLE));
    assertThat(SalesforceErrorParser.row("DUPLICATE_VALUE:duplicate value found: Leakproof_Id__c duplicates value "
        + "on record with id: 001000000000001AAA:--").message())
        .isEqualTo("duplicate value found: Leakproof_Id__c duplicates value on record with id: 001000000000001AAA");
    assertThat(SalesforceErrorParser.row("something odd")).isEqualTo(new SalesforceErrorParser.RowError("UNKNOWN",
        "something odd", ErrorKind.ROW_INVALID));
  }
}
