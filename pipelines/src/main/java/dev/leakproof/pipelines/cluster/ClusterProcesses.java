package dev.leakproof.pipelines.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The processes of a {@link FlinkSessionCluster} as its folder records them: a pid file each in
 * {@code pids/}, and a marker argument naming the folder on each command line, so a pid the system
 * gave to another process since is never taken for one of the cluster's.
 */
final class ClusterProcesses {

  /** The first JVM argument of each process: the marker followed by the cluster's folder. */
  static final String MARKER = "-Dleakproof.flink.cluster=";

  private ClusterProcesses() {}

  /** The live processes whose pid files are in {@code home} and whose command line names it. */
  static List<ProcessHandle> running(Path home) {
    Path pids = home.resolve("pids");
    List<ProcessHandle> out = new ArrayList<>();
    if (!Files.isDirectory(pids)) {
      return out;
    }
    try (Stream<Path> files = Files.list(pids)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
        try {
          long pid = Long.parseLong(Files.readString(f).trim());
          ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
              .filter(h -> List.of(commandLine(h).split("\0")).contains(MARKER + home))
              .ifPresent(out::add);
        } catch (NumberFormatException | IOException e) {
          // a pid file being written or removed: not a process of ours
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the pid files in " + pids, e);
    }
    return out;
  }

  static boolean isJobManager(ProcessHandle h) {
    return List.of(commandLine(h).split("\0")).contains(FlinkSessionCluster.JOB_MANAGER_MAIN);
  }

  /**
   * A process's command line, its arguments separated by NUL: from /proc (the JDK's
   * {@code ProcessHandle.Info} gives no arguments for a command line over 4 KB, and a Flink class
   * path is longer), else the JDK's possibly truncated view.
   */
  static String commandLine(ProcessHandle h) {
    Path proc = Path.of("/proc", String.valueOf(h.pid()), "cmdline");
    try {
      return new String(Files.readAllBytes(proc), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return h.info().commandLine().orElse("").replace(' ', '\0');
    }
  }

  /** SIGTERM (Flink shuts down in order), then SIGKILL for whatever still runs after 15 s. */
  static void terminate(List<ProcessHandle> processes) {
    processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    for (ProcessHandle h : processes) {
      try {
        h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
  }

  static void deletePidFiles(Path home) {
    try (Stream<Path> files = Files.list(home.resolve("pids"))) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      // nothing to clean
    }
  }

}
