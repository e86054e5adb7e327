package dev.leakproof.pipelines.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The class path of a server Leakproof runs as a local process (a module of {@code servers/}
 * records it at build time as the resource {@code META-INF/leakproof/servers/NAME.classpath}):
 * every server gets its own libraries, so two servers built on different versions of one library
 * (Jetty, say) never share a JVM, and none of them shares the caller's.
 */
public final class ServerClasspath {

  private ServerClasspath() {}

  /**
   * The class path of server {@code name}.
   *
   * @throws IllegalStateException if no module recorded it (the servers modules were not built) or a
   *     jar it names is missing (the local Maven repository was cleaned since)
   */
  public static String of(String name) {
    String resource = "META-INF/leakproof/servers/" + name + ".classpath";
    String classpath;
    try (InputStream in = ServerClasspath.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("No class path for the " + name + " server: " + resource
            + " is not on the class path (build the servers modules: mvn -B install -DskipTests)");
      }
      classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
    for (String entry : List.of(classpath.split(java.io.File.pathSeparator))) {
      if (!entry.isBlank() && !Files.exists(Path.of(entry))) {
        throw new IllegalStateException("Cannot start the " + name + " server: its class path names " + entry
            + ", which is missing (rebuild: mvn -B install -DskipTests)");
      }
    }
    return classpath;
  }

  /** The {@code java} of the running JVM, for starting a server with the same Java. */
  public static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
