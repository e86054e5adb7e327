package dev.leakproof.cli.stream;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the Flink job jar ({@code leakproof-flink-job}) is: {@code $LEAKPROOF_FLINK_JOB_JAR} when
 * set, else {@code flink-job/leakproof-flink-job.jar} beside the CLI's classes, where the cli
 * module's {@code package} phase copies it from the reactor (cli/target/flink-job/, beside both
 * target/leakproof-cli.jar, which ./leakproof runs, and target/classes, which the integration
 * tests run after {@code package}).
 */
public final class FlinkJobJar {

  /** The environment variable that names another job jar. */
  public static final String ENV = "LEAKPROOF_FLINK_JOB_JAR";

  private FlinkJobJar() {}

  /**
   * The job jar.
   *
   * @throws IllegalStateException if it is not where the build puts it (the message says where it
   *     looked)
   */
  public static Path locate() {
    String override = System.getenv(ENV);
    Path jar = override != null && !override.isBlank() ? Path.of(override) : besideClasses();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("Cannot find the Flink job jar: no file " + jar
          + (override != null && !override.isBlank() ? " ($" + ENV + ")" : " (build: mvn -B package -DskipTests)"));
    }
    return jar;
  }

  private static Path besideClasses() {
    try {
      Path code = Path.of(FlinkJobJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return code.toAbsolutePath().getParent().resolve("flink-job").resolve("leakproof-flink-job.jar");
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot tell where the CLI's classes are: " + e.getMessage(), e);
    }
  }
}
