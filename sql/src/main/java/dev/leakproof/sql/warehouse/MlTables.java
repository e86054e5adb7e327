package dev.leakproof.sql.warehouse;

import java.sql.SQLException;
import java.util.List;

/**
 * The schema {@code ml} and its three tables, written by {@code leakproof ml score} and read by
 * the models through the dbt source {@code ml}. They always exist, empty until a model has scored
 * the warehouse, so the project builds the same with or without a model; the scorer only deletes
 * and inserts rows, and {@link #ensure} never drops any.
 */
public final class MlTables {

  /** The schema of the learned models' outputs. */
  public static final String SCHEMA = "ml";
  /** One row per scored contract-month: the anomaly score, whether it is flagged, and why. */
  public static final String ANOMALY_SCORES = SCHEMA + ".anomaly_scores";
  /** One row per contract with flagged months no rule finding covers, shaped like leak_findings. */
  public static final String ANOMALY_FINDINGS = SCHEMA + ".anomaly_findings";
  /** One row per scored account: the probability of a confirmed finding in the next quarter. */
  public static final String LEAKAGE_RISK = SCHEMA + ".leakage_risk";

  private static final List<String> DDL = List.of(
      "CREATE SCHEMA IF NOT EXISTS " + SCHEMA,
      "CREATE TABLE IF NOT EXISTS " + ANOMALY_SCORES + " (contract_id VARCHAR, account_id VARCHAR, "
          + "month_start DATE, score DOUBLE, is_anomaly BOOLEAN, rule_finding BOOLEAN, drivers VARCHAR, "
          + "model_id VARCHAR, scored_at TIMESTAMP)",
      "CREATE TABLE IF NOT EXISTS " + ANOMALY_FINDINGS + " (leak_type VARCHAR, kind VARCHAR, account_id VARCHAR, "
          + "contract_id VARCHAR, metric VARCHAR, period_start_label VARCHAR, period_end_label VARCHAR, "
          + "amount DECIMAL(38,2), currency VARCHAR, evidence VARCHAR, recommended_action VARCHAR, "
          + "max_score DOUBLE, model_id VARCHAR)",
      "CREATE TABLE IF NOT EXISTS " + LEAKAGE_RISK + " (account_id VARCHAR, probability DOUBLE, "
          + "risk_band VARCHAR, drivers VARCHAR, last_quarter_findings INTEGER, as_of DATE, model_id VARCHAR, "
          + "scored_at TIMESTAMP)");

  private MlTables() {
  }

  /** Creates the schema and the three tables where they do not exist; existing rows are kept. */
  public static void ensure(Warehouse warehouse) throws SQLException {
    for (String sql : DDL) {
      warehouse.execute(sql);
    }
  }
}
