package dev.leakproof.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code leakproof audit} in a JVM of its own, started the way the launcher starts this one (same
 * JVM options, class path and class-data archive; the maximum heap given), with its wall time and peak
 * resident set read from {@code /proc} while it runs.
 */
public final class AuditProcess {

  /** Exit code, wall time from spawn to exit, and the peak resident set (VmHWM) in KB, -1 if unknown. */
  public record Outcome(int exitCode, long wallNanos, long peakRssKb) {}

  private AuditProcess() {}

  /**
   * @param recording when not null, a JFR recording (profile settings) of the whole process
   * @param log receives the process's output
   */
  public static Outcome run(String heap, Path recording, List<String> args, Path log)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("-Xms") && bytes(a.substring(4)) > bytes(heap)) {
        continue;
      }
      if (!(a.startsWith("-Xmx") || a.startsWith("-XX:StartFlightRecording")
          || a.startsWith("-XX:ArchiveClassesAtExit") || a.startsWith("-agentlib") || a.startsWith("-javaagent"))) {
        command.add(a);
      }
    }
    command.add("-Xmx" + heap);
    if (recording != null) {
      command.add("-XX:StartFlightRecording=filename=" + recording.toAbsolutePath() + ",settings=profile");
    }
    command.add("-cp");
    command.add(classPath());
    command.add("dev.leakproof.cli.Leakproof");
    command.addAll(args);
    Files.createDirectories(log.toAbsolutePath().getParent());
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
    long peak = -1;
    while (process.isAlive()) {
      peak = Math.max(peak, highWaterMarkKb(status));
      process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    return new Outcome(process.exitValue(), System.nanoTime() - start, peak);
  }

  /**
   * The class path as the launcher wrote it ({@code LEAKPROOF_CLASS_PATH}, with its {@code lib/*}
   * wildcard), else this JVM's: the class-data archive maps only for the class path it was made
   * with, and the expanded list of {@code java.class.path} does not match it.
   */
  static String classPath() {
    String launcher = System.getenv("LEAKPROOF_CLASS_PATH");
    return launcher == null || launcher.isBlank() ? System.getProperty("java.class.path") : launcher;
  }

  /** A JVM memory size such as 2g, 512m or 1048576 in bytes. */
  static long bytes(String size) {
    String s = size.trim().toLowerCase(java.util.Locale.ROOT);
    long unit = switch (s.isEmpty() ? ' ' : s.charAt(s.length() - 1)) {
      case 'k' -> 1L << 10;
      case 'm' -> 1L << 20;
      case 'g' -> 1L << 30;
      case 't' -> 1L << 40;
      default -> 1;
    };
    return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
  }

  private static long highWaterMarkKb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // the process ended between two reads, or /proc is not there
    }
    return -1;
  }
}
