package dev.leakproof.connectors.salesforce.emulator;

/**
 * A request the emulator refuses, answered as Salesforce's REST error array
 * {@code [{"errorCode":..., "message":...}]} with the given HTTP status.
 */
final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String errorCode;

  ApiException(int status, String errorCode, String message) {
    super(message, null, false, false);
    this.status = status;
    this.errorCode = errorCode;
  }

  int status() {
    return status;
  }

  String errorCode() {
    return errorCode;
  }

  static ApiException notFound(String message) {
    return new ApiException(404, "NOT_FOUND", message);
  }

  static ApiException invalidJob(String message) {
    return new ApiException(400, "INVALIDJOB", message);
  }

  static ApiException invalidJobState(String message) {
    return new ApiException(400, "INVALIDJOBSTATE", message);
  }

  static ApiException jsonParser(String message) {
    return new ApiException(400, "JSON_PARSER_ERROR", message);
  }

  static ApiException malformedQuery(String message) {
    return new ApiException(400, "MALFORMED_QUERY", message);
  }

  static ApiException invalidField(String message) {
    return new ApiException(400, "INVALID_FIELD", message);
  }

  static ApiException methodNotAllowed(String method, String allowed) {
    return new ApiException(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method + "' not allowed. Allowed are " + allowed);
  }
}
