package dev.leakproof.datagen;

import dev.leakproof.core.EventStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes {@code _generator/summary.json}: config, counts per file, noise counts, leaks, clean accounts. */
final class SummaryJson {

  private SummaryJson() {}

  static void write(Path file, GenerationSummary s, Map<String, Long> usageObserved, List<String> demoted)
      throws IOException {
    GeneratorConfig c = s.config();
    StringBuilder b = new StringBuilder(4096);
    b.append("{\n  \"config\": {\"accounts\": ").append(c.accounts())
        .append(", \"usage_months\": ").append(c.usageMonths())
        .append(", \"seed\": ").append(c.seed())
        .append(", \"as_of\": \"").append(c.asOf())
        .append("\", \"usage_events\": ").append(c.usageEvents())
        .append(", \"noise_rate\": ").append(c.noiseRate()).append("},\n");
    b.append("  \"files\": ");
    map(b, s.files());
    b.append(",\n  \"usage_events\": {\"base_events\": ").append(s.usageEvents())
        .append(", \"lines\": ").append(s.linesOf(EventStream.USAGE.filePrefix())).append(", \"noise\": ");
    map(b, s.usageNoise());
    b.append(", \"observed\": ");
    map(b, usageObserved);
    b.append("},\n  \"seat_events\": {\"base_events\": ").append(s.seatEvents())
        .append(", \"lines\": ").append(s.linesOf(EventStream.SEATS.filePrefix())).append(", \"noise\": ");
    map(b, s.seatNoise());
    b.append("},\n  \"invoice_noise\": ");
    map(b, s.invoiceNoise());
    b.append(",\n  \"injected_leaks\": ");
    map(b, s.injectedLeaks());
    b.append(",\n  \"clean_accounts\": ");
    list(b, s.cleanAccounts());
    b.append(",\n  \"demoted_clean_accounts\": ");
    list(b, demoted);
    b.append("\n}\n");
    Files.writeString(file, b, StandardCharsets.UTF_8);
  }

  private static void map(StringBuilder b, Map<String, Long> map) {
    b.append('{');
    String sep = "";
    for (Map.Entry<String, Long> e : map.entrySet()) {
      b.append(sep).append('"').append(e.getKey()).append("\": ").append(e.getValue());
      sep = ", ";
    }
    b.append('}');
  }

  private static void list(StringBuilder b, List<String> values) {
    b.append('[');
    String sep = "";
    for (String v : values) {
      b.append(sep).append('"').append(v).append('"');
      sep = ", ";
    }
    b.append(']');
  }
}
