package dev.leakproof.schemas.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: {@code ,} separated, fields optionally quoted with {@code "},
 * quotes escaped by doubling, line breaks allowed inside quotes, CRLF or LF line ends. An empty
 * field, quoted or not, reads as null. Like most readers it is lenient with stray quotes inside
 * an unquoted field and keeps them as text; an unterminated quote makes a malformed record.
 */
public final class CsvReader implements Closeable {

  private static final int EOF = -1;

  private final Reader in;
  private final char[] buffer = new char[1 << 16];
  private int position;
  private int limit;
  private long line = 1;

  public CsvReader(Reader in) {
    this.in = in;
  }

  /** The next record, or null at end of input. A blank line is a record with one null field. */
  public CsvRecord next() throws IOException {
    int c = read();
    if (c == EOF) {
      return null;
    }
    long startLine = line;
    StringBuilder raw = new StringBuilder(128);
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder(32);
    boolean quoted = false;
    boolean inQuotes = false;
    while (true) {
      if (inQuotes) {
        if (c == EOF) {
          fields.add(field.toString());
          return new CsvRecord(startLine, fields, raw.toString(), "unterminated quoted field");
        }
        if (c == '"') {
          int next = peek();
          if (next == '"') {
            read();
            raw.append("\"\"");
            field.append('"');
          } else {
            raw.append('"');
            inQuotes = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          raw.append((char) c);
          field.append((char) c);
        }
      } else if (c == ',' ) {
        raw.append(',');
        fields.add(emptyToNull(field));
        field.setLength(0);
        quoted = false;
      } else if (c == '\n' || c == '\r' || c == EOF) {
        if (c == '\r' && peek() == '\n') {
          read();
        }
        if (c != EOF) {
          line++;
        }
        fields.add(emptyToNull(field));
        return new CsvRecord(startLine, fields, raw.toString(), null);
      } else if (c == '"' && field.length() == 0 && !quoted) {
        raw.append('"');
        quoted = true;
        inQuotes = true;
      } else {
        raw.append((char) c);
        field.append((char) c);
      }
      c = read();
    }
  }

  private static String emptyToNull(StringBuilder field) {
    return field.length() == 0 ? null : field.toString();
  }

  private int read() throws IOException {
    if (position == limit && !fill()) {
      return EOF;
    }
    return buffer[position++];
  }

  private int peek() throws IOException {
    if (position == limit && !fill()) {
      return EOF;
    }
    return buffer[position];
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    if (n <= 0) {
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
