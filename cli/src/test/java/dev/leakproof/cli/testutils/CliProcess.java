package dev.leakproof.cli.testutils;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A long-running {@code leakproof} command (the collector, the stream job) as a separate process
 * with this JVM's class path and Flink's {@code --add-opens}, its output in a log file, for tests
 * that stop it cleanly (SIGTERM) or kill it (SIGKILL) as a crash would.
 */
public final class CliProcess implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final List<String> args;

  private CliProcess(Process process, Path log, List<String> args) {
    this.process = process;
    this.log = log;
    this.args = args;
  }

  /** Starts {@code leakproof args...} in {@code dir} with {@code env} added to this environment. */
  public static CliProcess start(Path dir, Map<String, String> env, String heap, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("-XX:+UseParallelGC");
    command.add("-Duser.timezone=UTC");
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")) {
        command.add(a);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.leakproof.cli.Leakproof");
    command.addAll(List.of(args));
    Files.createDirectories(dir);
    Path log = Files.createTempFile(dir, args[0] + "-", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("LEAKPROOF_"));
    pb.environment().putAll(env);
    return new CliProcess(pb.start(), log, List.of(args));
  }

  /** What the process printed so far. */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Waits until the output contains {@code text}; fails with the output when the process ends first. */
  public void awaitOutput(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!output().contains(text)) {
      if (!process.isAlive()) {
        throw new AssertionError("leakproof " + String.join(" ", args) + " ended (exit " + process.exitValue()
            + ") before printing '" + text + "':\n" + output());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("leakproof " + String.join(" ", args) + " did not print '" + text + "' within "
            + timeout.toSeconds() + " s:\n" + output());
      }
      Thread.sleep(200);
    }
  }

  /** SIGKILL: the process dies at once, as in a crash. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then the exit code (the command stops cleanly). */
  public int stop(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("leakproof " + String.join(" ", args) + " did not stop within " + timeout.toSeconds()
          + " s:\n" + output());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
