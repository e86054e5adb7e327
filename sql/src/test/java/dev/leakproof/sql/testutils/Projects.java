package dev.leakproof.sql.testutils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies a test project from src/test/resources/projects/ into a temporary folder. */
public final class Projects {

  private Projects() {}

  public static Path copy(String name, Path dir) throws IOException {
    Path from = Path.of("src/test/resources/projects", name).toAbsolutePath();
    Path to = dir.resolve(name);
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return to;
  }
}
