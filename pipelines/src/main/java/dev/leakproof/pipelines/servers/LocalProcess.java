package dev.leakproof.pipelines.servers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * A server's JVM started from its recorded class path, with its output appended to a log file:
 * what the launchers of this package share (free ports, waiting for an answer, stopping). The
 * server is stopped when the JVM that started it exits.
 */
final class LocalProcess {

  private final String name;
  private final Process process;
  private final Path log;
  private final Thread reaper;

  private LocalProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    // a server lives no longer than the JVM that started it, even when nobody calls stop()
    this.reaper = new Thread(process::destroy, name + "-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /**
   * Starts {@code mainClass} of server {@code name} in {@code dir}. The child inherits this
   * process's environment minus every variable {@code dropPrefixes} names, plus {@code env}.
   */
  static LocalProcess start(String name, Path dir, List<String> jvmOptions, String mainClass, List<String> args,
      List<String> dropPrefixes, Map<String, String> env, Path log) throws IOException {
    List<String> command = new java.util.ArrayList<>();
    command.add(ServerClasspath.javaCommand());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(ServerClasspath.of(name));
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().keySet().removeIf(k -> dropPrefixes.stream().anyMatch(k::startsWith));
    builder.environment().putAll(env);
    return new LocalProcess(name, builder.start(), log);
  }

  /**
   * Polls {@code url} until {@code answered} accepts a status code.
   *
   * @throws IOException if the process exits first or nothing answers within {@code timeout}
   *     (the message names the log file and its last line)
   */
  void awaitAnswer(URI url, IntPredicate answered, Duration timeout) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("Cannot start the " + name + " server: it exited with " + process.exitValue() + ": "
            + lastLine() + " (see " + log + ")");
      }
      try {
        if (answered.test(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode())) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    stop(Duration.ofSeconds(5));
    throw new IOException("Cannot start the " + name + " server: " + url + " did not answer within "
        + timeout.toSeconds() + " s (see " + log + ")");
  }

  boolean alive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** SIGTERM, then SIGKILL after {@code grace}; returns once the process is gone. */
  void stop(Duration grace) throws InterruptedException {
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The last exception the log names (its deepest cause), else its last line. */
  private String lastLine() {
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        String line = lines.get(i).strip();
        if (line.startsWith("Caused by:") || line.startsWith("Exception in thread")) {
          return line;
        }
      }
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          return lines.get(i).strip();
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // fall through
    }
    return "(no output)";
  }
}
