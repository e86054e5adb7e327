package dev.leakproof.connectors.salesforce.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV as Bulk API 2.0 uses it: a header row, quoted fields with doubled quotes, line breaks
 * inside quotes, LF or CRLF rows, and the job's column delimiter.
 */
final class Csv {

  private Csv() {
  }

  /** Thrown for text that is not CSV (an unterminated quote). */
  static final class MalformedCsv extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedCsv(String message) {
      super(message, null, false, false);
    }
  }

  /** The rows of {@code text}; blank lines are skipped, a leading byte-order mark is ignored. */
  static List<List<String>> parse(String text, char delimiter) throws MalformedCsv {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false;
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < n && text.charAt(i + 1) == '"') {
          field.append('"');
          i += 2;
          continue;
        }
        if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.length() == 0 && !fieldStarted) {
        quoted = true;
        fieldStarted = true;
      } else if (c == delimiter) {
        row.add(field.toString());
        field.setLength(0);
        fieldStarted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        endRow(rows, row, field, fieldStarted);
        row = new ArrayList<>();
        field.setLength(0);
        fieldStarted = false;
      } else {
        field.append(c);
        fieldStarted = true;
      }
      i++;
    }
    if (quoted) {
      throw new MalformedCsv("unterminated quoted field in row " + (rows.size() + 1));
    }
    endRow(rows, row, field, fieldStarted);
    return rows;
  }

  private static void endRow(List<List<String>> rows, List<String> row, StringBuilder field, boolean fieldStarted) {
    if (row.isEmpty() && field.length() == 0 && !fieldStarted) {
      return;
    }
    row.add(field.toString());
    rows.add(row);
  }

  /** Writes a header (names quoted only when needed, {@code quotedNames} always) and fully quoted rows. */
  static String write(List<String> quotedNames, List<String> names, List<List<String>> rows, char delimiter, String lineEnding) {
    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>();
    quotedNames.forEach(q -> header.add(quote(q)));
    names.forEach(name -> header.add(needsQuotes(name, delimiter) ? quote(name) : name));
    out.append(String.join(String.valueOf(delimiter), header)).append(lineEnding);
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          out.append(delimiter);
        }
        out.append(quote(row.get(i) == null ? "" : row.get(i)));
      }
      out.append(lineEnding);
    }
    return out.toString();
  }

  private static boolean needsQuotes(String value, char delimiter) {
    return value.indexOf(delimiter) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
  }

  private static String quote(String value) {
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
