package dev.leakproof.datagen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an RFC 4180 CSV file (UTF-8, {@code \n} line ends, header first): a null cell is empty,
 * a cell with a comma, quote or line break is quoted with inner quotes doubled. Counts data rows.
 */
final class CsvWriter implements AutoCloseable {

  private final Writer out;
  private final int columns;
  private long rows;

  CsvWriter(Path file, String... header) throws IOException {
    this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
    this.columns = header.length;
    write(header);
  }

  void row(Object... cells) throws IOException {
    if (cells.length != columns) {
      throw new IllegalArgumentException("Invalid CSV row: " + cells.length + " cells for " + columns + " columns");
    }
    write(cells);
    rows++;
  }

  long rows() {
    return rows;
  }

  private void write(Object[] cells) throws IOException {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      if (cells[i] != null) {
        out.write(quote(cells[i].toString()));
      }
    }
    out.write('\n');
  }

  static String quote(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return '"' + s.replace("\"", "\"\"") + '"';
      }
    }
    return s;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
