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
}
