package dev.leakproof.cli.ml;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakproof.ml.AnomalyModel;
import dev.leakproof.ml.ModelFile;
import dev.leakproof.ml.RiskModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains both models from snapshots. The forest learns from the contract-months no rule finding
 * covers (the rules already explain the others; the forest is for what they do not name), without
 * looking at any label; the risk model learns from every account at every earlier as-of date.
 */
final class Trainer {

  private Trainer() {}

  static ModelFile train(List<Snapshot> snapshots, long seed, AnomalyModel.Settings anomaly,
      RiskModel.Settings risk, ObjectNode source) {
    List<String> riskFeatures = snapshots.get(0).riskFeatures();
    for (Snapshot s : snapshots) {
      if (!s.riskFeatures().equals(riskFeatures)) {
        throw new IllegalStateException(s.name() + " has account features " + s.riskFeatures() + ", the first "
            + snapshots.get(0).name() + " has " + riskFeatures + ": build every warehouse with the same version");
      }
    }
    List<double[]> monthRows = new ArrayList<>();
    Map<String, Long> shapes = new TreeMap<>();
    long ruleCovered = 0;
    for (Snapshot s : snapshots) {
      for (Snapshot.Month m : s.months()) {
        if (m.ruleFinding()) {
          ruleCovered++;
          continue;
        }
        monthRows.add(m.row().values());
        if (m.shape() != null) {
          shapes.merge(m.shape(), 1L, Long::sum);
        }
      }
    }
    long t = System.nanoTime();
    AnomalyModel forest = AnomalyModel.train(MlFeatures.ANOMALY,
        MlFeatures.anomalyDirections(MlFeatures.ANOMALY), monthRows.toArray(double[][]::new), anomaly);
    List<double[]> accountRows = new ArrayList<>();
    List<Boolean> outcomes = new ArrayList<>();
    for (Snapshot s : snapshots) {
      accountRows.addAll(List.of(RiskInputs.rows(s, RiskInputs.scores(s, forest), forest)));
      for (Snapshot.AccountQuarter a : s.accounts()) {
        outcomes.add(a.outcome());
      }
    }
    boolean[] y = new boolean[outcomes.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = outcomes.get(i);
    }
    double forestSeconds = (System.nanoTime() - t) / 1e9;
    t = System.nanoTime();
    RiskModel forecast = RiskModel.train(RiskInputs.names(riskFeatures), accountRows.toArray(double[][]::new), y, risk);
    double riskSeconds = (System.nanoTime() - t) / 1e9;

    ObjectNode training = source.deepCopy();
    ArrayNode names = training.putArray("snapshots");
    snapshots.forEach(s -> names.addObject().put("name", s.name()).put("as_of", s.asOf().toString())
        .put("contract_months", s.months().size()).put("account_quarters", s.accounts().size()));
    ObjectNode a = training.putObject("anomaly");
    a.put("rows", monthRows.size());
    a.put("seconds", forestSeconds);
    a.put("rule_covered_months_left_out", ruleCovered);
    a.put("labels_used", false);
    ObjectNode contamination = a.putObject("labelled_shape_months_in_training");
    shapes.forEach(contamination::put);
    a.put("trees", anomaly.trees()).put("sample_size", anomaly.sampleSize()).put("threshold", anomaly.threshold());
    ObjectNode r = training.putObject("risk");
    r.put("rows", y.length);
    r.put("seconds", riskSeconds);
    long positives = outcomes.stream().filter(b -> b).count();
    r.put("with_finding_next_quarter", positives);
    return ModelFile.of(Instant.now(), seed, forest, forecast, training, ModelFile.object());
  }
}
