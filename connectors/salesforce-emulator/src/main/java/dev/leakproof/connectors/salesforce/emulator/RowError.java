package dev.leakproof.connectors.salesforce.emulator;

import java.util.List;

/**
 * Why one bulk row failed, rendered like Salesforce's {@code sf__Error} column:
 * {@code CODE:message:Field1,Field2 --}, or {@code CODE:message:--} when no field is named.
 */
record RowError(String code, String message, List<String> fields) {

  RowError {
    fields = List.copyOf(fields);
  }

  static RowError of(String code, String message, String... fields) {
    return new RowError(code, message, List.of(fields));
  }

  String render() {
    return code + ":" + message + ":" + (fields.isEmpty() ? "--" : String.join(",", fields) + " --");
  }

  /** Thrown while applying a row; carries the error to the failed results. */
  static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient RowError error;

    Rejected(RowError error) {
      super(error.render(), null, false, false);
      this.error = error;
    }

    RowError error() {
      return error;
    }
  }

  Rejected rejected() {
    return new Rejected(this);
  }
}
