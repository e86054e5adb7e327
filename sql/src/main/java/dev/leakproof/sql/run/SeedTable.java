package dev.leakproof.sql.run;

import dev.leakproof.schemas.csv.CsvReader;
import dev.leakproof.schemas.csv.CsvRecord;
import dev.leakproof.sql.project.ProjectException;
import dev.leakproof.sql.project.SeedFile;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A seed's CSV with its column types inferred the way dbt does (integer, number, date,
 * timestamp, boolean, else text; {@code null} and empty fields are nulls), {@code column_types}
 * overriding, and its rows typed accordingly.
 */
public record SeedTable(String name, List<String> columns, List<String> types, List<Object[]> rows) {

  /** Reads and types a seed file. */
  public static SeedTable read(SeedFile seed) throws IOException {
    List<String> header;
    List<List<String>> raw = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(seed.path(), StandardCharsets.UTF_8); CsvReader csv = new CsvReader(r)) {
      CsvRecord first = csv.next();
      if (first == null) {
        throw new ProjectException("Cannot load seed " + seed.relativePath() + ": the file is empty");
      }
      header = first.fields().stream().map(f -> f == null ? "" : f.strip().toLowerCase(Locale.ROOT)).toList();
      CsvRecord record;
      while ((record = csv.next()) != null) {
        if (record.raw().isEmpty()) {
          continue;
        }
        if (!record.wellFormed() || record.fields().size() != header.size()) {
          throw new ProjectException("Cannot load seed " + seed.relativePath() + ": line " + record.lineNo()
              + " has " + record.fields().size() + " fields, the header " + header.size());
        }
        raw.add(record.fields().stream().map(f -> f == null || f.equals("null") ? null : f).toList());
      }
    }
    Map<?, ?> declared = seed.config().get("column_types") instanceof Map<?, ?> m ? m : Map.of();
    List<String> types = new ArrayList<>();
    for (int c = 0; c < header.size(); c++) {
      Object override = declared.get(header.get(c));
      types.add(override != null ? String.valueOf(override).toUpperCase(Locale.ROOT) : infer(raw, c));
    }
    List<Object[]> rows = new ArrayList<>();
    for (List<String> r : raw) {
      Object[] values = new Object[header.size()];
      for (int c = 0; c < values.length; c++) {
        values[c] = convert(r.get(c), types.get(c), seed, header.get(c));
      }
      rows.add(values);
    }
    return new SeedTable(seed.name(), header, types, rows);
  }

  private static String infer(List<List<String>> rows, int c) {
    boolean integer = true;
    boolean number = true;
    boolean date = true;
    boolean timestamp = true;
    boolean bool = true;
    long max = 0;
    for (List<String> r : rows) {
      String v = r.get(c);
      if (v == null) {
        continue;
      }
      integer &= v.matches("-?\\d{1,18}");
      if (integer) {
        max = Math.max(max, Math.abs(Long.parseLong(v)));
      }
      number &= v.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
      date &= parses(v, false);
      timestamp &= parses(v, true);
      bool &= v.equals("true") || v.equals("false");
    }
    if (integer) {
      return max > Integer.MAX_VALUE ? "BIGINT" : "INTEGER";
    }
    if (number) {
      return "DOUBLE";
    }
    if (date) {
      return "DATE";
    }
    if (timestamp) {
      return "TIMESTAMP";
    }
    return bool ? "BOOLEAN" : "VARCHAR";
  }

  private static boolean parses(String v, boolean withTime) {
    try {
      if (withTime) {
        LocalDateTime.parse(v.replace(' ', 'T'));
      } else {
        LocalDate.parse(v);
      }
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static Object convert(String v, String type, SeedFile seed, String column) {
    if (v == null) {
      return null;
    }
    try {
      return switch (type.replaceAll("\\(.*", "")) {
        case "INTEGER", "INT" -> Integer.valueOf(v);
        case "BIGINT" -> Long.valueOf(v);
        case "DOUBLE", "FLOAT" -> Double.valueOf(v);
        case "DECIMAL", "NUMERIC", "NUMBER" -> new BigDecimal(v);
        case "DATE" -> LocalDate.parse(v);
        case "TIMESTAMP" -> LocalDateTime.parse(v.replace(' ', 'T'));
        case "BOOLEAN" -> Boolean.valueOf(v);
        default -> v;
      };
    } catch (RuntimeException e) {
      throw new ProjectException("Cannot load seed " + seed.relativePath() + ": " + column + " '" + v + "' is not "
          + type);
    }
  }
}
