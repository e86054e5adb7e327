package dev.leakproof.schemas.tables;

import java.util.Objects;

/**
 * A CSV row that could not be used, kept as it was with the reason: one line of quarantine.csv.
 *
 * @param code a stable reason code ({@code invalid_value}, {@code unknown_contract}, ...)
 * @param detail the column and value at fault, in words
 */
public record RowRejection(String sourceFile, long lineNo, String code, String detail, String raw) {

  public RowRejection {
    Objects.requireNonNull(sourceFile, "sourceFile");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(detail, "detail");
  }

  /** The reason column of quarantine.csv: the code, then the detail. */
  public String reason() {
    return code + ": " + detail;
  }
}
