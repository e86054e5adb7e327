package dev.leakproof.schemas.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes RFC 4180 CSV: fields quoted only when they hold a comma, a quote or a line break, quotes
 * doubled, records ended by CRLF as RFC 4180 says; a null field is written empty.
 */
public final class CsvWriter implements Closeable {

  private final Writer out;

  public CsvWriter(Writer out) {
    this.out = out;
  }

  public void write(List<?> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      Object f = fields.get(i);
      if (f != null) {
        out.write(escape(f.toString()));
      }
    }
    out.write("\r\n");
  }

  /** The field as it appears in a CSV file. */
  public static String escape(String field) {
    boolean quote = false;
    for (int i = 0; i < field.length() && !quote; i++) {
      char c = field.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    return quote ? '"' + field.replace("\"", "\"\"") + '"' : field;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
