package dev.leakproof.datagen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict RFC 4180 reader for tests: header row, quoted cells, empty cell read as null. */
final class Csv {

  final List<String> header;
  final List<Map<String, String>> rows;

  private Csv(List<String> header, List<Map<String, String>> rows) {
    this.header = header;
    this.rows = rows;
  }

  static Csv read(Path file) throws IOException {
    List<List<String>> records = parse(Files.readString(file, StandardCharsets.UTF_8));
    List<String> header = records.get(0);
    List<Map<String, String>> rows = new ArrayList<>();
    for (List<String> r : records.subList(1, records.size())) {
      if (r.size() != header.size()) {
        throw new IllegalStateException("Invalid row in " + file.getFileName() + ": " + r);
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), r.get(i).isEmpty() ? null : r.get(i));
      }
      rows.add(row);
    }
    return new Csv(header, rows);
  }

  static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int i = 0;
    boolean quoted = false;
    while (i < text.length()) {
      char c = text.charAt(i++);
      if (quoted) {
        if (c == '"' && i < text.length() && text.charAt(i) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        if (cell.length() > 0) {
          throw new IllegalStateException("Invalid quote inside an unquoted cell at " + i);
        }
        quoted = true;
      } else if (c == ',') {
        record.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\n') {
        record.add(cell.toString());
        cell.setLength(0);
        records.add(record);
        record = new ArrayList<>();
      } else if (c != '\r') {
        cell.append(c);
      }
    }
    if (quoted) {
      throw new IllegalStateException("Invalid CSV: unterminated quote");
    }
    if (cell.length() > 0 || !record.isEmpty()) {
      record.add(cell.toString());
      records.add(record);
    }
    return records;
  }
}
