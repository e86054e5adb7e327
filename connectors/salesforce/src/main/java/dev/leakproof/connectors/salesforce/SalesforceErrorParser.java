package dev.leakproof.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.ErrorKind;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * The one place Salesforce error codes become {@link ErrorKind}s: for a row of a bulk job (its
 * {@code sf__Error}) and for a whole REST call (its status and {@code [{"errorCode", "message"}]}
 * body). A row code not listed is row-invalid (kept with its reason); a call's unknown code is
 * retriable on 5xx and 429, permanent otherwise, and a row code on a whole call is permanent.
 */
public final class SalesforceErrorParser {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, ErrorKind> CODES = Map.ofEntries(
      // a passing contention or capacity fault: the same request later succeeds
      Map.entry("UNABLE_TO_LOCK_ROW", ErrorKind.RETRIABLE),
      Map.entry("SERVER_UNAVAILABLE", ErrorKind.RETRIABLE),
      Map.entry("REQUEST_RUNNING_TOO_LONG", ErrorKind.RETRIABLE),
      Map.entry("QUERY_TIMEOUT", ErrorKind.RETRIABLE),
      Map.entry("TOO_MANY_REQUESTS", ErrorKind.RETRIABLE),
      Map.entry("CONCURRENT_REQUEST_LIMIT_EXCEEDED", ErrorKind.RETRIABLE),
      // the row's data is not acceptable: reject it, keep the others
      Map.entry("DUPLICATE_VALUE", ErrorKind.ROW_INVALID),
      Map.entry("DUPLICATE_EXTERNAL_ID", ErrorKind.ROW_INVALID),
      Map.entry("DUPLICATES_DETECTED", ErrorKind.ROW_INVALID),
      Map.entry("INVALID_FIELD", ErrorKind.ROW_INVALID),
      Map.entry("REQUIRED_FIELD_MISSING", ErrorKind.ROW_INVALID),
      Map.entry("STRING_TOO_LONG", ErrorKind.ROW_INVALID),
      Map.entry("INVALID_TYPE_ON_FIELD_IN_RECORD", ErrorKind.ROW_INVALID),
      Map.entry("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", ErrorKind.ROW_INVALID),
      Map.entry("NUMBER_OUTSIDE_VALID_RANGE", ErrorKind.ROW_INVALID),
      Map.entry("FIELD_CUSTOM_VALIDATION_EXCEPTION", ErrorKind.ROW_INVALID),
      Map.entry("FIELD_INTEGRITY_EXCEPTION", ErrorKind.ROW_INVALID),
      Map.entry("INVALID_CROSS_REFERENCE_KEY", ErrorKind.ROW_INVALID),
      Map.entry("INVALID_EMAIL_ADDRESS", ErrorKind.ROW_INVALID),
      Map.entry("MALFORMED_ID", ErrorKind.ROW_INVALID),
      Map.entry("ENTITY_IS_DELETED", ErrorKind.ROW_INVALID),
      Map.entry("INVALID_ID_FIELD", ErrorKind.ROW_INVALID),
      Map.entry("CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY", ErrorKind.ROW_INVALID),
      Map.entry("NOT_FOUND", ErrorKind.ROW_INVALID),
      Map.entry("INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY", ErrorKind.ROW_INVALID),
      // the sync cannot go on until someone acts
      Map.entry("INVALID_SESSION_ID", ErrorKind.PERMANENT),
      Map.entry("REQUEST_LIMIT_EXCEEDED", ErrorKind.PERMANENT),
      Map.entry("API_DISABLED_FOR_ORG", ErrorKind.PERMANENT),
      Map.entry("API_CURRENTLY_DISABLED", ErrorKind.PERMANENT),
      Map.entry("INSUFFICIENT_ACCESS", ErrorKind.PERMANENT),
      Map.entry("INSUFFICIENT_ACCESS_OR_READONLY", ErrorKind.PERMANENT),
      Map.entry("STORAGE_LIMIT_EXCEEDED", ErrorKind.PERMANENT),
      Map.entry("FUNCTIONALITY_NOT_ENABLED", ErrorKind.PERMANENT),
      Map.entry("INVALID_TYPE", ErrorKind.PERMANENT),
      Map.entry("INVALIDENTITY", ErrorKind.PERMANENT),
      Map.entry("INVALIDJOB", ErrorKind.PERMANENT),
      Map.entry("INVALIDJOBSTATE", ErrorKind.PERMANENT),
      Map.entry("API_ERROR", ErrorKind.PERMANENT),
      Map.entry("JSON_PARSER_ERROR", ErrorKind.PERMANENT),
      Map.entry("invalid_client", ErrorKind.PERMANENT),
      Map.entry("invalid_client_id", ErrorKind.PERMANENT),
      Map.entry("invalid_grant", ErrorKind.PERMANENT),
      Map.entry("unsupported_grant_type", ErrorKind.PERMANENT),
      Map.entry("invalid_request", ErrorKind.PERMANENT));

  private SalesforceErrorParser() {}

  /** One row's failure, from the {@code sf__Error} column of a job's failed results. */
  public record RowError(String code, String message, ErrorKind kind) {}

  /** The kind of a row-level code; unknown codes are row-invalid, so the row is kept with its reason. */
  public static ErrorKind rowKind(String code) {
    ErrorKind kind = CODES.get(code);
    return kind == null ? ErrorKind.ROW_INVALID : kind == ErrorKind.PERMANENT ? ErrorKind.ROW_INVALID : kind;
  }

  /**
   * Parses {@code CODE:message:fields --} (the message may itself hold colons).
   */
  public static RowError row(String sfError) {
    String text = sfError == null ? "" : sfError.trim();
    int colon = text.indexOf(':');
    String code = colon < 0 ? text : text.substring(0, colon);
    if (code.isEmpty() || !code.matches("[A-Za-z_]+")) {
      return new RowError("UNKNOWN", text, ErrorKind.ROW_INVALID);
    }
    String rest = colon < 0 ? "" : text.substring(colon + 1);
    if (rest.endsWith("--")) {
      rest = rest.substring(0, rest.length() - 2).trim();
      int last = rest.lastIndexOf(':');
      if (last >= 0) {
        String fields = rest.substring(last + 1).trim();
        rest = rest.substring(0, last) + (fields.isEmpty() ? "" : " (" + fields + ")");
      }
    }
    return new RowError(code, rest.trim(), rowKind(code));
  }

  /**
   * The exception for a failed REST call: its body's first {@code errorCode} decides the kind,
   * else the HTTP status.
   *
   * @param what the call, for the message ({@code create job on Account})
   */
  public static DestinationException call(int status, String body, Duration retryAfter, String what) {
    String code = "HTTP_" + status;
    String message = body == null ? "" : body.trim();
    try {
      JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
      JsonNode first = node != null && node.isArray() && !node.isEmpty() ? node.get(0) : node;
      if (first != null && first.hasNonNull("errorCode")) {
        code = first.get("errorCode").asText();
        message = first.path("message").asText();
      } else if (first != null && first.hasNonNull("error")) {
        code = first.get("error").asText();
        message = first.path("error_description").asText();
      }
    } catch (IOException e) {
      // not JSON (a proxy's page): the status decides
    }
    ErrorKind kind = CODES.get(code);
    if (status == 429 || status == 503) {
      // rate limiting and unavailability pass, whatever code they carry (429 comes as REQUEST_LIMIT_EXCEEDED)
      kind = ErrorKind.RETRIABLE;
    } else if (kind == null) {
      kind = status >= 500 ? ErrorKind.RETRIABLE : ErrorKind.PERMANENT;
    } else if (kind == ErrorKind.ROW_INVALID) {
      // a row's code on a whole call (INVALID_FIELD on create job) fails every row alike
      kind = ErrorKind.PERMANENT;
    }
    if (message.length() > 300) {
      message = message.substring(0, 300) + "...";
    }
    return new DestinationException(kind, code, "Cannot " + what + ": HTTP " + status + " " + code
        + (message.isEmpty() ? "" : ": " + message), null, retryAfter);
  }
}
