package dev.leakproof.cli.ml;

import dev.leakproof.ml.AnomalyModel;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Findings of type {@code anomaly}: one per contract whose months scored above the threshold where
 * no rule finding covers the month, in the columns of findings.csv. No amount is claimed (an
 * anomaly is a lead to check, not a computed leak); the evidence names the months, the scores and
 * the features that drove the highest one.
 */
final class AnomalyFindings {

  static final String LEAK_TYPE = "anomaly";
  static final String KIND = "anomaly";

  /** A scored month above the threshold, with what drove it. */
  record Flagged(String accountId, String contractId, YearMonth month, double score, List<AnomalyModel.Driver> drivers) {}

  /** A finding row. */
  record Finding(String accountId, String contractId, YearMonth from, YearMonth to, BigDecimal amount, String currency,
      String evidence, String action, double maxScore) {}

  private AnomalyFindings() {}

  static List<Finding> of(List<Flagged> flagged, Map<String, String> currencyOf, double threshold) {
    Map<String, List<Flagged>> byContract = new LinkedHashMap<>();
    for (Flagged f : flagged) {
      byContract.computeIfAbsent(f.contractId(), k -> new ArrayList<>()).add(f);
    }
    List<Finding> out = new ArrayList<>();
    for (List<Flagged> months : byContract.values()) {
      months.sort(java.util.Comparator.comparing(Flagged::month));
      Flagged top = months.stream().max(java.util.Comparator.comparingDouble(Flagged::score)).orElseThrow();
      StringBuilder evidence = new StringBuilder();
      evidence.append(String.format(Locale.ROOT, "Anomaly score %.1f of 100 in %s (threshold %.1f)", top.score(),
          top.month(), threshold));
      if (months.size() > 1) {
        evidence.append("; ").append(months.size()).append(" months above it: ");
        evidence.append(String.join(", ", months.stream().limit(6)
            .map(m -> String.format(Locale.ROOT, "%s (%.1f)", m.month(), m.score())).toList()));
        if (months.size() > 6) {
          evidence.append(", ...");
        }
      }
      evidence.append(". No rule covers these months. Driven by: ").append(drivers(top.drivers())).append('.');
      String action = "Check " + top.contractId() + "'s invoices and usage for " + months.get(0).month()
          + (months.size() > 1 ? ".." + months.get(months.size() - 1).month() : "")
          + " against the contract and the price book; then mark the finding confirmed or dismissed in review.csv "
          + "so the next training learns from it.";
      out.add(new Finding(top.accountId(), top.contractId(), months.get(0).month(), months.get(months.size() - 1).month(),
          BigDecimal.ZERO.setScale(2), currencyOf.getOrDefault(top.contractId(), "USD"), evidence.toString(), action,
          top.score()));
    }
    out.sort(java.util.Comparator.comparing(Finding::accountId).thenComparing(Finding::contractId));
    return out;
  }

  /** {@code overage_price_vs_list 0.0612 (typical 0); ...}. */
  static String drivers(List<AnomalyModel.Driver> drivers) {
    if (drivers.isEmpty()) {
      return "no single feature (the combination is unusual)";
    }
    return String.join("; ", drivers.stream().map(d -> d.feature() + " " + number(d.value()) + " (typical "
        + number(d.typical()) + ")").toList());
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    return new BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
