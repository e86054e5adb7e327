package dev.leakproof.cli.ml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakproof.ml.AnomalyModel;
import dev.leakproof.ml.Metrics;
import dev.leakproof.ml.ModelFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Measures a model on snapshots it was not trained on. The anomaly score is judged on the
 * contract-months no rule finding covers (where an anomaly finding can be raised): a month
 * labelled with a leak shape is a positive, a month with no label a clean negative. The forecast is
 * judged on every account at every earlier as-of date, against a baseline that ranks accounts by
 * their findings in the quarter before, its probabilities the share of training accounts with the
 * same count that had a finding next.
 */
final class Evaluation {

  private Evaluation() {}

  static ObjectNode run(ModelFile model, List<Snapshot> train, List<Snapshot> test) {
    // each test month is scored once, for the anomaly figures and for the forecast's inputs
    List<double[]> testScores = test.stream().map(s -> RiskInputs.scores(s, model.anomaly())).toList();
    ObjectNode out = ModelFile.object();
    out.set("anomaly", anomaly(model.anomaly(), test, testScores));
    out.set("risk", risk(model, train, test, testScores));
    return out;
  }

  private static ObjectNode anomaly(AnomalyModel model, List<Snapshot> test, List<double[]> testScores) {
    List<Double> scores = new ArrayList<>();
    List<String> shapes = new ArrayList<>();
    List<Snapshot.Month> rows = new ArrayList<>();
    Map<String, Long> foundByRules = new TreeMap<>();
    long ruleMonths = 0;
    long ruleMonthsFlagged = 0;
    for (int t = 0; t < test.size(); t++) {
      List<Snapshot.Month> months = test.get(t).months();
      double[] monthScores = testScores.get(t);
      for (int k = 0; k < months.size(); k++) {
        Snapshot.Month m = months.get(k);
        if (m.ruleFinding()) {
          ruleMonths++;
          if (model.anomalous(monthScores[k])) {
            ruleMonthsFlagged++;
          }
          if (m.shape() != null) {
            foundByRules.merge(m.shape(), 1L, Long::sum);
          }
          continue;
        }
        scores.add(monthScores[k]);
        shapes.add(m.shape());
        rows.add(m);
      }
    }
    ObjectNode out = ModelFile.object();
    out.put("threshold", model.threshold());
    double[] score = scores.stream().mapToDouble(Double::doubleValue).toArray();
    boolean[] positive = new boolean[score.length];
    long clean = 0;
    long cleanFlagged = 0;
    for (int i = 0; i < score.length; i++) {
      positive[i] = shapes.get(i) != null;
      if (!positive[i]) {
        clean++;
        if (model.anomalous(score[i])) {
          cleanFlagged++;
        }
      }
    }
    out.put("contract_months", score.length);
    out.put("clean_months", clean);
    out.put("shape_months", score.length - clean);
    out.put("pr_auc", Metrics.averagePrecision(score, positive));
    out.put("roc_auc", Metrics.rocAuc(score, positive));
    Metrics.AtThreshold at = Metrics.atThreshold(score, positive, model.threshold());
    out.put("precision", at.precision());
    out.put("recall", at.recall());
    out.put("clean_flagged", cleanFlagged);
    out.put("clean_flagged_share", clean == 0 ? Double.NaN : (double) cleanFlagged / clean);
    out.set("clean_flagged_top", explain(model, rows, score, positive, false));
    out.set("shape_missed_top", explain(model, rows, score, positive, true));
    out.put("rule_covered_months", ruleMonths);
    out.put("rule_covered_months_flagged", ruleMonthsFlagged);
    ObjectNode byShape = out.putObject("by_shape");
    for (String shape : new TreeSet<>(shapes.stream().filter(java.util.Objects::nonNull).toList())) {
      List<Double> sub = new ArrayList<>();
      List<Boolean> lab = new ArrayList<>();
      for (int i = 0; i < score.length; i++) {
        if (shapes.get(i) == null || shape.equals(shapes.get(i))) {
          sub.add(score[i]);
          lab.add(shapes.get(i) != null);
        }
      }
      double[] s = sub.stream().mapToDouble(Double::doubleValue).toArray();
      boolean[] y = new boolean[lab.size()];
      for (int i = 0; i < y.length; i++) {
        y[i] = lab.get(i);
      }
      Metrics.AtThreshold t = Metrics.atThreshold(s, y, model.threshold());
      ObjectNode node = byShape.putObject(shape);
      node.put("months", t.truePositives() + t.falseNegatives());
      node.put("flagged", t.truePositives());
      node.put("precision", t.precision());
      node.put("recall", t.recall());
      node.put("pr_auc", Metrics.averagePrecision(s, y));
      node.put("found_by_rules_instead", foundByRules.getOrDefault(shape, 0L));
    }
    return out;
  }

  /**
   * The highest-scoring clean months (false alarms) or the lowest-scoring shape months (misses),
   * with their drivers: where the features or the threshold need looking at.
   */
  private static com.fasterxml.jackson.databind.node.ArrayNode explain(AnomalyModel model, List<Snapshot.Month> rows,
      double[] score, boolean[] positive, boolean misses) {
    List<Integer> picked = new ArrayList<>();
    for (int i = 0; i < score.length; i++) {
      if (positive[i] == misses) {
        picked.add(i);
      }
    }
    picked.sort((a, b) -> misses ? Double.compare(score[a], score[b]) : Double.compare(score[b], score[a]));
    com.fasterxml.jackson.databind.node.ArrayNode out = ModelFile.object().arrayNode();
    for (int i : picked.subList(0, Math.min(12, picked.size()))) {
      Snapshot.Month m = rows.get(i);
      ObjectNode n = out.addObject();
      n.put("contract_id", m.row().contractId());
      n.put("month", m.row().month().toString());
      n.put("shape", m.shape());
      n.put("score", score[i]);
      n.put("drivers", AnomalyFindings.drivers(model.drivers(m.row().values(), 4)));
      ObjectNode values = n.putObject("features");
      for (int f = 0; f < model.features().size(); f++) {
        values.put(model.features().get(f), m.row().values()[f]);
      }
    }
    return out;
  }

  private static ObjectNode risk(ModelFile model, List<Snapshot> train, List<Snapshot> test,
      List<double[]> testScores) {
    Map<Long, long[]> byCount = new TreeMap<>();
    for (Snapshot s : train) {
      for (Snapshot.AccountQuarter a : s.accounts()) {
        long[] c = byCount.computeIfAbsent(bucket(a.baseline()), k -> new long[2]);
        c[0]++;
        if (a.outcome()) {
          c[1]++;
        }
      }
    }
    List<Snapshot.AccountQuarter> rows = new ArrayList<>();
    List<double[]> inputs = new ArrayList<>();
    for (int t = 0; t < test.size(); t++) {
      rows.addAll(test.get(t).accounts());
      inputs.addAll(List.of(RiskInputs.rows(test.get(t), testScores.get(t), model.anomaly())));
    }
    double[][] x = new double[rows.size()][];
    boolean[] y = new boolean[rows.size()];
    double[] baseline = new double[rows.size()];
    double[] baselineP = new double[rows.size()];
    long positives = 0;
    for (int i = 0; i < x.length; i++) {
      Snapshot.AccountQuarter a = rows.get(i);
      x[i] = inputs.get(i);
      y[i] = a.outcome();
      positives += y[i] ? 1 : 0;
      baseline[i] = a.baseline();
      long[] c = byCount.get(bucket(a.baseline()));
      baselineP[i] = c == null ? 0 : (double) c[1] / c[0];
    }
    double[] p = model.risk().predict(x);
    ObjectNode out = ModelFile.object();
    out.put("account_quarters", x.length);
    out.put("with_finding_next_quarter", positives);
    out.put("roc_auc", Metrics.rocAuc(p, y));
    out.put("pr_auc", Metrics.averagePrecision(p, y));
    out.put("brier", Metrics.brier(p, y));
    ObjectNode b = out.putObject("baseline_last_quarter_findings");
    b.put("roc_auc", Metrics.rocAuc(baseline, y));
    b.put("pr_auc", Metrics.averagePrecision(baseline, y));
    b.put("brier", Metrics.brier(baselineP, y));
    return out;
  }

  /** Findings last quarter, 6 and more together. */
  private static long bucket(double count) {
    return Math.min(6, Math.round(count));
  }
}
