package dev.leakproof.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Runs the CLI in-process and copies datasets for tests. */
final class CliTestSupport {

  static final Path SAMPLE = Path.of("../../shared/sample-dataset").toAbsolutePath().normalize();

  /** An exit code and what the command wrote to stderr. */
  record Run(int exitCode, String err) {}

  private CliTestSupport() {}

  static Run run(String... args) {
    StringWriter err = new StringWriter();
    int code = Leakproof.execute(new PrintWriter(err, true), args);
    return new Run(code, err.toString());
  }

  /** Copies the sample dataset's data files (not its expected outputs) into {@code dir}. */
  static Path copySample(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(SAMPLE)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    return dir;
  }

  /** The rows of a CSV file with a header, each a map of column to value (empty for null). */
  static java.util.List<java.util.Map<String, String>> readCsv(Path file) throws IOException {
    java.util.List<java.util.Map<String, String>> rows = new java.util.ArrayList<>();
    try (java.io.Reader r = java.nio.file.Files.newBufferedReader(file);
        dev.leakproof.schemas.csv.CsvReader csv = new dev.leakproof.schemas.csv.CsvReader(r)) {
      java.util.List<String> header = csv.next().fields();
      dev.leakproof.schemas.csv.CsvRecord record;
      while ((record = csv.next()) != null) {
        java.util.Map<String, String> row = new java.util.LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          String v = record.fields().get(i);
          row.put(header.get(i), v == null ? "" : v);
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
