package dev.leakproof.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakproof.cli.support.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** How a sync benchmark ends: the process's peak memory, then the figures written as JSON. */
public final class BenchReport {

  private BenchReport() {}

  /** Adds {@code peak_rss_mb}, writes the report to {@code file} and prints where. */
  public static void finish(Console console, ObjectNode report, Path file) throws IOException {
    long rss = peakRssMb();
    report.put("peak_rss_mb", rss);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
    console.line(String.format(Locale.ROOT, "peak RSS %d MB; %s", rss, file));
  }

  /** The process's peak resident set (VmHWM) in MB, or -1 where /proc does not say. */
  public static long peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
