package dev.leakproof.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Runs the CLI in-process or as a separate process, and copies datasets for tests. */
final class CliTestSupport {

  static final Path SAMPLE = Path.of("../../shared/sample-dataset").toAbsolutePath().normalize();

  /** An exit code and what the command wrote to stderr. */
  record Run(int exitCode, String err) {}

  /** An exit code and what the command wrote to stdout and stderr. */
  record Out(int code, String stdout, String stderr) {}

  private CliTestSupport() {}

  /** Runs the CLI in this JVM, capturing stdout too. */
  static Out capture(String... args) {
    java.io.PrintStream stdout = System.out;
    java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      Run r = run(args);
      return new Out(r.exitCode(), buffer.toString(java.nio.charset.StandardCharsets.UTF_8), r.err());
    } finally {
      System.setOut(stdout);
    }
  }

  /**
   * Runs the CLI as a separate process in {@code dir}, as a scheduler would: the environment is
   * this one without any SALESFORCE_, STRIPE_ or LEAKPROOF_ variable, plus {@code env}.
   */
  static Out process(Path dir, java.util.Map<String, String> env, long timeoutSeconds, String... args)
      throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Flink's --add-opens, as the launcher gives them
    java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens")).forEach(command::add);
    command.addAll(java.util.List.of("-cp", System.getProperty("java.class.path"), Leakproof.class.getName()));
    command.addAll(java.util.List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("SALESFORCE_") || k.startsWith("STRIPE_")
        || k.startsWith("LEAKPROOF_"));
    pb.environment().putAll(env);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(timeoutSeconds, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("leakproof " + String.join(" ", args) + " ran over " + timeoutSeconds + " s");
    }
    return new Out(p.exitValue(), Files.readString(out), Files.readString(err));
  }

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
