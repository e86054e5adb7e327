package dev.leakproof.cli.ml;

import dev.leakproof.cli.support.UsageException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the two feature marts the SQL project builds (ml_contract_month_features and
 * ml_account_features) as matrices, by column name, so a model trained on one warehouse reads the
 * same columns from another; a missing column is a one-line error naming it.
 */
final class MlFeatures {

  static final String CONTRACT_MONTHS = "ml_contract_month_features";
  static final String ACCOUNTS = "ml_account_features";

  /**
   * What the anomaly model looks at: how each line was billed against what the contract, the price
   * book and the metered usage say, and how usage moved against seats and between the account's
   * sources. The month-over-month overage price is left out: a price back at list after an off-list
   * month would echo the earlier month's deviation; the price against list says it once. Features that vary a lot between healthy accounts (plain usage and seat growth, renewal
   * distance, contract year, plan size) are left to the risk model: in the forest they would only
   * isolate healthy months with a steep but ordinary trend.
   */
  static final List<String> ANOMALY = List.of(
      "has_invoice",
      "seats_billed_vs_licensed",
      "seat_price_vs_contract",
      "discount_vs_in_force",
      "true_up_gap",
      "overage_billed_vs_expected",
      "overage_qty_vs_metered",
      "overage_price_vs_list",
      "usage_growth_since_seat_change",
      "workspace_share_shift");

  /**
   * Which side of typical is unusual, per anomaly feature: activity growing while seats stay
   * frozen, a source's share falling; both sides elsewhere (the absolute deviations are never below
   * their median of 0).
   */
  static int[] anomalyDirections(List<String> features) {
    int[] d = new int[features.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = switch (features.get(i)) {
        case "usage_growth_since_seat_change" -> dev.leakproof.ml.RobustScaler.UP;
        case "workspace_share_shift" -> dev.leakproof.ml.RobustScaler.DOWN;
        default -> dev.leakproof.ml.RobustScaler.BOTH;
      };
    }
    return d;
  }

  /** Columns of ml_account_features that are not features. */
  private static final Set<String> ACCOUNT_KEYS = Set.of("account_id", "segment");

  /** A contract-month with its feature values, in the order of the feature list asked for. */
  record ContractMonth(String contractId, String accountId, YearMonth month, double[] values) {
    String key() {
      return contractId + "|" + month;
    }
  }

  /** An account with its feature values. */
  record Account(String accountId, double[] values) {}

  private MlFeatures() {}

  static List<ContractMonth> contractMonths(Connection db, List<String> features) throws SQLException, UsageException {
    requireColumns(db, CONTRACT_MONTHS, features);
    List<ContractMonth> rows = new ArrayList<>();
    String sql = "SELECT contract_id, account_id, month_start, " + String.join(", ", quoted(features))
        + " FROM main." + CONTRACT_MONTHS + " ORDER BY contract_id, month_start";
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        double[] v = new double[features.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = number(rs, 4 + i, features.get(i));
        }
        LocalDate month = rs.getObject(3, LocalDate.class);
        rows.add(new ContractMonth(rs.getString(1), rs.getString(2), YearMonth.from(month), v));
      }
    }
    return rows;
  }

  /**
   * Every numeric column of ml_account_features but the keys, plus the segment as a code (smb 0,
   * mid 1, enterprise 2), in the mart's column order: what the risk model trains on.
   */
  static List<String> accountFeatureNames(Connection db) throws SQLException, UsageException {
    List<String> names = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM main." + ACCOUNTS + " LIMIT 0")) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        String name = md.getColumnName(i).toLowerCase(Locale.ROOT);
        if (!ACCOUNT_KEYS.contains(name)) {
          names.add(name);
        }
      }
    } catch (SQLException e) {
      throw missingMart(ACCOUNTS, e);
    }
    names.add("segment_code");
    return names;
  }

  static List<Account> accounts(Connection db, List<String> features) throws SQLException, UsageException {
    List<String> columns = new ArrayList<>(features);
    columns.remove("segment_code");
    requireColumns(db, ACCOUNTS, columns);
    int segment = features.indexOf("segment_code");
    List<Account> rows = new ArrayList<>();
    String sql = "SELECT account_id, segment" + (columns.isEmpty() ? "" : ", " + String.join(", ", quoted(columns)))
        + " FROM main." + ACCOUNTS + " ORDER BY account_id";
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        double[] v = new double[features.size()];
        int column = 3;
        for (int i = 0; i < v.length; i++) {
          v[i] = i == segment ? segmentCode(rs.getString(2)) : number(rs, column++, features.get(i));
        }
        rows.add(new Account(rs.getString(1), v));
      }
    }
    return rows;
  }

  static double segmentCode(String segment) {
    if (segment == null) {
      return -1;
    }
    return switch (segment) {
      case "smb" -> 0;
      case "mid" -> 1;
      case "enterprise" -> 2;
      default -> -1;
    };
  }

  private static double number(ResultSet rs, int column, String name) throws SQLException {
    double v = rs.getDouble(column);
    if (rs.wasNull() || !Double.isFinite(v)) {
      throw new IllegalStateException("Feature " + name + " is null or not finite in a row of the feature marts "
          + "(the marts promise a number for every feature)");
    }
    return v;
  }

  private static void requireColumns(Connection db, String mart, List<String> features)
      throws SQLException, UsageException {
    Set<String> have = new HashSet<>();
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM main." + mart + " LIMIT 0")) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        have.add(md.getColumnName(i).toLowerCase(Locale.ROOT));
      }
    } catch (SQLException e) {
      throw missingMart(mart, e);
    }
    for (String f : features) {
      if (!have.contains(f)) {
        throw new UsageException("The model needs feature " + f + ", which main." + mart + " does not have: "
            + "build the models of this Leakproof version first (`leakproof models build`)");
      }
    }
  }

  private static UsageException missingMart(String mart, SQLException e) {
    return new UsageException("No main." + mart + " in the warehouse: build the models first (" + e.getMessage()
        .lines().findFirst().orElse("") + ")");
  }

  private static List<String> quoted(List<String> names) {
    return names.stream().map(n -> "\"" + n + "\"").toList();
  }
}
