package dev.leakproof.cli.audit;

import dev.leakproof.cli.support.Console;
import dev.leakproof.core.CaptureStats;
import dev.leakproof.core.Finding;
import dev.leakproof.core.FindingKind;
import dev.leakproof.core.Money;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The audit's summary in the terminal: leakage by type, the top accounts, hygiene, and the files. */
public final class AuditSummary {

  private final Console console;

  public AuditSummary(Console console) {
    this.console = console;
  }

  public void print(AuditResult result) {
    List<Finding> findings = result.findings();
    console.line("");
    console.line(String.format(Locale.ROOT, "%-26s %-13s %9s %18s", "finding", "kind", "findings", "amount"));
    Map<String, List<Finding>> byType = new TreeMap<>(findings.stream()
        .collect(Collectors.groupingBy(f -> f.leakType().code())));
    for (Map.Entry<String, List<Finding>> e : byType.entrySet()) {
      console.line(String.format(Locale.ROOT, "%-26s %-13s %9d %18s", e.getKey(), e.getValue().get(0).kind().code(),
          e.getValue().size(), amounts(e.getValue())));
    }
    List<Finding> leakage = findings.stream().filter(f -> f.kind() == FindingKind.LEAKAGE).toList();
    console.line(String.format(Locale.ROOT, "%-26s %-13s %9d %18s", "recoverable leakage", "", leakage.size(),
        amounts(leakage)));
    console.line("");
    console.line("Top accounts by recoverable leakage:");
    Map<String, List<Finding>> byAccount = leakage.stream().collect(Collectors.groupingBy(Finding::accountId));
    byAccount.entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<String, List<Finding>> e) -> sum(e.getValue())).reversed()
            .thenComparing(Map.Entry::getKey))
        .limit(5)
        .forEach(e -> console.line(String.format(Locale.ROOT, "  %-14s %18s  %s", e.getKey(), amounts(e.getValue()),
            e.getValue().stream().map(f -> f.leakType().code()).distinct().sorted().collect(Collectors.joining(", ")))));
    console.line("");
    for (Map.Entry<String, CaptureStats> e : result.capture().entrySet()) {
      CaptureStats s = e.getValue();
      console.line(String.format(Locale.ROOT, "%-6s events: %,d read, %,d accepted, %,d duplicates, %,d quarantined, "
          + "capture rate %.4f%%", e.getKey(), s.read(), s.accepted(), s.duplicates(), s.quarantined(),
          s.captureRate() * 100));
    }
    if (result.rejectedRows() > 0) {
      console.line(String.format(Locale.ROOT, "CSV rows rejected: %,d (see quarantine.csv)", result.rejectedRows()));
    }
    for (String failed : result.failedTests()) {
      console.line("WARNING data test failed: " + failed);
    }
    console.line("");
    console.line("Findings:   " + result.findingsFile());
    console.line("Quarantine: " + result.quarantineFile());
    console.line("Capture:    " + result.captureFile());
    console.line("Report:     " + result.captureFile().resolveSibling(dev.leakproof.cli.report.LeakageReport.FILE)
        + " (open it in a browser)");
    console.line("Warehouse:  " + result.workDir().resolve("warehouse.duckdb"));
    console.line(String.format(Locale.ROOT, "Done in %.1f s.", result.total().toMillis() / 1000.0));
  }

  private static BigDecimal sum(List<Finding> findings) {
    return findings.stream().map(Finding::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** Amounts per currency: {@code USD 12,345.00} (several currencies are listed, never added). */
  private static String amounts(List<Finding> findings) {
    Map<String, BigDecimal> byCurrency = new TreeMap<>();
    for (Finding f : findings) {
      byCurrency.merge(f.currency(), f.amount(), BigDecimal::add);
    }
    if (byCurrency.isEmpty()) {
      return "-";
    }
    return byCurrency.entrySet().stream().map(e -> Money.format(e.getValue(), e.getKey()))
        .collect(Collectors.joining(" + "));
  }
}
