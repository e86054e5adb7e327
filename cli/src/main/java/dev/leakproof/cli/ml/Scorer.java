package dev.leakproof.cli.ml;

import dev.leakproof.ml.AnomalyModel;
import dev.leakproof.ml.ModelFile;
import dev.leakproof.schemas.csv.CsvWriter;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import dev.leakproof.sql.warehouse.MlTables;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores a built warehouse with a model file: every contract-month's anomaly score, the anomaly
 * findings, every account's leakage risk with its drivers, written to the tables of schema
 * {@code ml} (replacing what an earlier scoring wrote), then the models that read them rebuilt.
 */
public final class Scorer {

  /** What a scoring run did. */
  public record Result(int contractMonths, int flaggedMonths, int findings, int accounts, int highRisk, double seconds) {}

  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
      .withZone(ZoneOffset.UTC);
  private static final int DRIVERS = 3;

  /** The staging models over the ml tables and everything built from them. */
  private static final String READERS = "stg_ml__anomaly_scores+ stg_ml__anomaly_findings+ stg_ml__leakage_risk+";

  /** One line on what a scoring run did. */
  public static String summary(ModelFile model, Result r) {
    return String.format(java.util.Locale.ROOT, "scored with model %s: %,d contract-months, %,d above the anomaly "
        + "threshold where no rule finding covers them -> %,d anomaly findings; %,d accounts, %,d at high leakage "
        + "risk (%.1f s)", model.id(), r.contractMonths(), r.flaggedMonths(), r.findings(), r.accounts(), r.highRisk(),
        r.seconds());
  }

  private Scorer() {}

  public static Result score(ModelFile model, DuckDbWarehouse warehouse, Path work, LocalDate asOf, boolean rebuild)
      throws Exception {
    long start = System.nanoTime();
    MlTables.ensure(warehouse);
    Connection db = warehouse.connection();
    AnomalyModel anomaly = model.anomaly();
    String scoredAt = TS.format(Instant.now());
    List<MlFeatures.ContractMonth> months = MlFeatures.contractMonths(db, anomaly.features());
    Set<String> ruleMonths = SnapshotCollector.ruleContractMonths(db);
    Path tmp = Files.createTempDirectory(work, "ml-score");
    try {
      List<AnomalyFindings.Flagged> flagged = new ArrayList<>();
      double[] monthScores = new double[months.size()];
      int index = 0;
      Path scores = tmp.resolve("anomaly_scores.csv");
      try (Writer w = Files.newBufferedWriter(scores, StandardCharsets.UTF_8)) {
        CsvWriter csv = new CsvWriter(w);
        for (MlFeatures.ContractMonth m : months) {
          double score = anomaly.score(m.values());
          monthScores[index++] = score;
          boolean high = anomaly.anomalous(score);
          boolean covered = ruleMonths.contains(m.key());
          String drivers = "";
          if (high) {
            List<AnomalyModel.Driver> d = anomaly.drivers(m.values(), DRIVERS);
            drivers = AnomalyFindings.drivers(d);
            if (!covered) {
              flagged.add(new AnomalyFindings.Flagged(m.accountId(), m.contractId(), m.month(), score, d));
            }
          }
          csv.write(List.of(m.contractId(), m.accountId(), m.month().atDay(1).toString(), score, high, covered,
              drivers, model.id(), scoredAt));
        }
      }
      List<AnomalyFindings.Finding> findings = AnomalyFindings.of(flagged, currencies(db), anomaly.threshold());
      Path findingsFile = tmp.resolve("anomaly_findings.csv");
      try (Writer w = Files.newBufferedWriter(findingsFile, StandardCharsets.UTF_8)) {
        CsvWriter csv = new CsvWriter(w);
        for (AnomalyFindings.Finding f : findings) {
          csv.write(List.of(AnomalyFindings.LEAK_TYPE, AnomalyFindings.KIND, f.accountId(), f.contractId(), "",
              f.from().toString(), f.to().toString(), f.amount().toPlainString(), f.currency(), f.evidence(),
              f.action(), f.maxScore(), model.id()));
        }
      }
      List<MlFeatures.Account> accounts = MlFeatures.accounts(db, RiskInputs.martColumns(model.risk().features()));
      var scoresByAccount = RiskInputs.byAccount(months, monthScores);
      double[][] x = accounts.stream().map(a -> RiskInputs.row(a.values(), scoresByAccount.get(a.accountId()), asOf,
          anomaly)).toArray(double[][]::new);
      double[] p = model.risk().predict(x);
      double[][] contrib = model.risk().contributions(x);
      Map<String, Long> lastQuarter = lastQuarterFindings(db);
      Path riskFile = tmp.resolve("leakage_risk.csv");
      int high = 0;
      try (Writer w = Files.newBufferedWriter(riskFile, StandardCharsets.UTF_8)) {
        CsvWriter csv = new CsvWriter(w);
        for (int i = 0; i < accounts.size(); i++) {
          String band = band(p[i]);
          if (band.equals("high")) {
            high++;
          }
          csv.write(List.of(accounts.get(i).accountId(), p[i], band, riskDrivers(model.risk().features(), contrib[i]),
              lastQuarter.getOrDefault(accounts.get(i).accountId(), 0L), asOf.toString(), model.id(), scoredAt));
        }
      }
      warehouse.execute("BEGIN TRANSACTION");
      try {
        replace(warehouse, MlTables.ANOMALY_SCORES, scores);
        replace(warehouse, MlTables.ANOMALY_FINDINGS, findingsFile);
        replace(warehouse, MlTables.LEAKAGE_RISK, riskFile);
        warehouse.execute("COMMIT");
      } catch (Exception e) {
        warehouse.execute("ROLLBACK");
        throw e;
      }
      if (rebuild) {
        rebuildReaders(warehouse, work, asOf);
      }
      return new Result(months.size(), flagged.size(), findings.size(), accounts.size(), high,
          (System.nanoTime() - start) / 1e9);
    } finally {
      try (var files = Files.list(tmp)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(tmp);
    }
  }

  /** Rebuilds the models downstream of the ml tables, so the CRM fields, the review and the report see the scores. */
  public static void rebuildReaders(DuckDbWarehouse warehouse, Path work, LocalDate asOf) throws Exception {
    ModelBuild.run(warehouse, work, asOf, READERS);
  }

  static String band(double probability) {
    return probability >= 0.5 ? "high" : probability >= 0.2 ? "medium" : "low";
  }

  /** The three largest contributions to the log-odds, signed: {@code leak_months_last_quarter +1.21; ...}. */
  static String riskDrivers(List<String> features, double[] contributions) {
    Integer[] order = new Integer[features.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(Math.abs(contributions[b]), Math.abs(contributions[a])));
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < Math.min(DRIVERS, order.length); k++) {
      double c = contributions[order[k]];
      if (Math.abs(c) < 0.005) {
        break;
      }
      parts.add(String.format(java.util.Locale.ROOT, "%s %+.2f", features.get(order[k]), c));
    }
    return String.join("; ", parts);
  }

  private static void replace(DuckDbWarehouse warehouse, String table, Path csv) throws Exception {
    warehouse.execute("DELETE FROM " + table);
    if (Files.size(csv) > 0) {
      warehouse.execute("COPY " + table + " FROM '" + csv.toAbsolutePath().toString().replace("'", "''")
          + "' (FORMAT csv, HEADER false, NULLSTR '')");
    }
  }

  /** Each account's findings last quarter, as the account feature mart counts them. */
  private static Map<String, Long> lastQuarterFindings(Connection db) throws Exception {
    Map<String, Long> out = new HashMap<>();
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT account_id, "
        + "leak_months_last_quarter FROM main." + MlFeatures.ACCOUNTS)) {
      while (rs.next()) {
        out.put(rs.getString(1), Math.round(rs.getDouble(2)));
      }
    }
    return out;
  }

  private static Map<String, String> currencies(Connection db) throws Exception {
    Map<String, String> out = new HashMap<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT contract_id, currency FROM main.stg_crm__contracts")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    }
    return out;
  }
}
