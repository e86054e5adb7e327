package dev.leakproof.schemas.csv;

import java.util.List;

/**
 * One CSV record as read: its fields (an empty field is null), the physical line it starts on
 * and its raw text, kept so that a rejected row can be quarantined exactly as it was.
 *
 * @param lineNo 1-based line number of the record's first line (the header is line 1)
 * @param error null for a well-formed record, else why it is not (an unterminated quote)
 */
public record CsvRecord(long lineNo, List<String> fields, String raw, String error) {

  public boolean wellFormed() {
    return error == null;
  }
}
