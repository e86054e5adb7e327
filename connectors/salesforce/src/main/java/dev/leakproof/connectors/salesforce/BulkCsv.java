package dev.leakproof.connectors.salesforce;

import java.util.ArrayList;
import java.util.List;

/**
 * Bulk API 2.0's CSV: RFC 4180 with LF line endings and comma delimiters, UTF-8, a header of field
 * names (relationship columns as {@code Account.Leakproof_Id__c}); {@code #N/A} sets a field to
 * null, while an empty field would leave it unchanged.
 */
final class BulkCsv {

  static final String NULL = "#N/A";

  private BulkCsv() {}

  /** One CSV line (with its LF) for these values; null and empty values become {@code #N/A}. */
  static String line(List<String> values) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      String v = values.get(i);
      b.append(v == null || v.isEmpty() ? NULL : quote(v));
    }
    return b.append('\n').toString();
  }

  /** The header line: field names as given. */
  static String header(List<String> fields) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      b.append(i > 0 ? "," : "").append(quote(fields.get(i)));
    }
    return b.append('\n').toString();
  }

  private static String quote(String v) {
    boolean needs = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
        || v.startsWith(" ") || v.endsWith(" ");
    return needs ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  /**
   * Parses a result file into rows, the header first.
   *
   * @throws IllegalArgumentException for an unterminated quote
   */
  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(c);
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          quoted = true;
          any = true;
        }
        case ',' -> {
          row.add(cell.toString());
          cell.setLength(0);
          any = true;
        }
        case '\r' -> { }
        case '\n' -> {
          row.add(cell.toString());
          cell.setLength(0);
          rows.add(row);
          row = new ArrayList<>();
          any = false;
        }
        default -> {
          cell.append(c);
          any = true;
        }
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("Invalid CSV from Salesforce: unterminated quote");
    }
    if (any || cell.length() > 0) {
      row.add(cell.toString());
      rows.add(row);
    }
    return rows;
  }
}
