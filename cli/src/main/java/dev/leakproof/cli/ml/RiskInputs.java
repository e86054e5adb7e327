package dev.leakproof.cli.ml;

import dev.leakproof.ml.AnomalyModel;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The forecast's inputs: the account feature mart's columns, then three the anomaly model adds: the
 * account's highest anomaly score over the last quarter (the 3 months before the as-of month), how
 * many of its contract-months then scored above the threshold, and its highest score in the last
 * closed month. A leak no rule names that is
 * still going on is the strongest sign of one next quarter.
 */
final class RiskInputs {

  static final List<String> FROM_ANOMALY = List.of("anomaly_max_last_quarter", "anomaly_months_last_quarter",
      "anomaly_last_month");

  private RiskInputs() {}

  /** The mart's feature names followed by the anomaly model's. */
  static List<String> names(List<String> martFeatures) {
    List<String> all = new ArrayList<>(martFeatures);
    all.addAll(FROM_ANOMALY);
    return all;
  }

  /** The mart's columns of the model's features (the anomaly model's own left out). */
  static List<String> martColumns(List<String> modelFeatures) {
    return modelFeatures.stream().filter(f -> !FROM_ANOMALY.contains(f)).toList();
  }

  /** account_id → (month → score) of the scored contract-months. */
  static Map<String, Map<YearMonth, Double>> byAccount(List<MlFeatures.ContractMonth> months, double[] scores) {
    Map<String, Map<YearMonth, Double>> out = new HashMap<>();
    for (int i = 0; i < months.size(); i++) {
      out.computeIfAbsent(months.get(i).accountId(), k -> new HashMap<>()).merge(months.get(i).month(), scores[i],
          Math::max);
    }
    return out;
  }

  /** The mart's values of an account as of a date, with the anomaly model's two appended. */
  static double[] row(double[] mart, Map<YearMonth, Double> scores, LocalDate asOf, AnomalyModel anomaly) {
    double[] row = Arrays.copyOf(mart, mart.length + FROM_ANOMALY.size());
    YearMonth now = YearMonth.from(asOf);
    double max = 0;
    int flagged = 0;
    if (scores != null) {
      for (YearMonth m = now.minusMonths(3); m.isBefore(now); m = m.plusMonths(1)) {
        Double s = scores.get(m);
        if (s != null) {
          max = Math.max(max, s);
          if (anomaly.anomalous(s)) {
            flagged++;
          }
        }
      }
    }
    Double last = scores == null ? null : scores.get(now.minusMonths(1));
    row[mart.length] = max;
    row[mart.length + 1] = flagged;
    row[mart.length + 2] = last == null ? 0 : last;
    return row;
  }

  /** The anomaly score of each of a snapshot's contract-months, in their order. */
  static double[] scores(Snapshot s, AnomalyModel anomaly) {
    double[] scores = new double[s.months().size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = anomaly.score(s.months().get(i).row().values());
    }
    return scores;
  }

  /** Every account-quarter of a snapshot as the forecast sees it, from its months' scores. */
  static double[][] rows(Snapshot s, double[] scores, AnomalyModel anomaly) {
    List<MlFeatures.ContractMonth> months = new ArrayList<>(s.months().size());
    s.months().forEach(m -> months.add(m.row()));
    Map<String, Map<YearMonth, Double>> byAccount = byAccount(months, scores);
    double[][] out = new double[s.accounts().size()][];
    for (int i = 0; i < out.length; i++) {
      Snapshot.AccountQuarter a = s.accounts().get(i);
      out[i] = row(a.row().values(), byAccount.get(a.row().accountId()), a.featuresAsOf(), anomaly);
    }
    return out;
  }
}
