package dev.leakproof.datagen;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run of {@link DatasetGenerator} wrote, as also saved in {@code _generator/summary.json}.
 *
 * @param files data rows per CSV file and lines per JSON-lines file, by file name
 * @param usageEvents base usage events before noise (each one valid and accepted by the audit)
 * @param seatEvents base seat events before noise
 * @param usageNoise injected usage noise by kind (extra lines or altered lines)
 * @param seatNoise injected seat noise by kind
 * @param invoiceNoise invoice irregularities that are not leaks (void and re-issued invoices)
 * @param injectedLeaks number of injected leaks by leak_type code
 * @param cleanAccounts accounts that must produce no finding at all
 * @param labels the folder holding the leak shapes' labels, or null when shapes are off
 * @param shapes leak shape instances (accounts) by shape code; empty when shapes are off
 */
public record GenerationSummary(
    GeneratorConfig config,
    Map<String, Long> files,
    long usageEvents,
    long seatEvents,
    Map<String, Long> usageNoise,
    Map<String, Long> seatNoise,
    Map<String, Long> invoiceNoise,
    Map<String, Long> injectedLeaks,
    List<String> cleanAccounts,
    Path labels,
    Map<String, Long> shapes) {

  public GenerationSummary {
    files = ordered(files);
    usageNoise = ordered(usageNoise);
    seatNoise = ordered(seatNoise);
    invoiceNoise = ordered(invoiceNoise);
    injectedLeaks = ordered(injectedLeaks);
    cleanAccounts = List.copyOf(cleanAccounts);
    shapes = ordered(shapes);
  }

  private static Map<String, Long> ordered(Map<String, Long> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** Lines written to the files of one event kind, by file-name prefix ({@code usage_events}). */
  public long linesOf(String prefix) {
    return files.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix) && e.getKey().endsWith(".jsonl"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}
