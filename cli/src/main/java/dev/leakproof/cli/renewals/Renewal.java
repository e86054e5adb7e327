package dev.leakproof.cli.renewals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An unsigned renewal of the mart {@code renewal_pipeline} with the account's usage summary from
 * {@code crm_account_fields}: what a renewal email or alert says. The account's learned leakage
 * risk (percentage and band) is null until {@code leakproof ml score} has scored the account.
 */
record Renewal(String contractId, String accountId, String accountName, String csmEmail, String currency,
    LocalDate renewalDate, long daysToRenewal, String lane, long seatsLicensed, BigDecimal currentSeatPrice,
    BigDecimal renewalSeatPrice, BigDecimal renewalAmount, BigDecimal upliftAmount, boolean atRisk,
    String riskReasons, long seatsActive, BigDecimal utilisationPct, BigDecimal usage28d, BigDecimal usageTrendPct,
    Long healthScore, BigDecimal openLeakage, BigDecimal leakageRiskPct, String leakageRiskBand) {

  /** The key a notification of this renewal is recorded under: contract and renewal date. */
  String key() {
    return contractId + "|" + renewalDate;
  }

  /** The renewals of a lane (T-90, T-60, T-30 or later), soonest first. */
  static List<Renewal> inLane(Connection db, String schema, String lane) throws SQLException {
    List<Renewal> out = new ArrayList<>();
    try (PreparedStatement s = db.prepareStatement("SELECT p.contract_id, p.account_id, p.account_name, p.csm_email, "
        + "p.currency, p.renewal_date, p.days_to_renewal, p.lane, p.seats_licensed, p.current_seat_price, "
        + "p.renewal_seat_price, p.renewal_amount, p.uplift_amount, p.at_risk, p.risk_reasons, "
        + "coalesce(f.seats_active, 0), f.seat_utilisation_pct, f.usage_28d, f.usage_trend_pct, f.health_score, "
        + "f.open_leakage, p.leakage_risk_pct, p.leakage_risk_band FROM " + schema + ".renewal_pipeline p "
        + "LEFT JOIN " + schema + ".crm_account_fields f "
        + "ON f.account_id = p.account_id WHERE p.lane = ? ORDER BY p.days_to_renewal, p.contract_id")) {
      s.setString(1, lane);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new Renewal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getObject(6, LocalDate.class), rs.getLong(7), rs.getString(8), rs.getLong(9), rs.getBigDecimal(10),
              rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getBigDecimal(13), rs.getBoolean(14), rs.getString(15),
              rs.getLong(16), rs.getBigDecimal(17), rs.getBigDecimal(18), rs.getBigDecimal(19),
              rs.getObject(20) == null ? null : rs.getLong(20), rs.getBigDecimal(21), rs.getBigDecimal(22),
              rs.getString(23)));
        }
      }
    }
    return out;
  }

  /** The usage summary, a few lines a CSM reads before the call (the leakage risk when scored). */
  String usageSummary() {
    return String.format(Locale.ROOT, "Seats: %,d active of %,d licensed (%s%% utilised)%n"
        + "Usage of the main metric, last 28 days: %s (%s%% against the 28 days before)%n"
        + "Health score: %s / 100%nOpen leakage on the account: %s %s",
        seatsActive, seatsLicensed, plain(utilisationPct), plain(usage28d), signed(usageTrendPct),
        healthScore == null ? "n/a" : healthScore.toString(), currency, plain(openLeakage))
        + (leakageRisk() == null ? "" : String.format(Locale.ROOT, "%nLeakage risk next quarter: %s", leakageRisk()));
  }

  /** The learned leakage risk as a CSM reads it, e.g. {@code 63.2% (high)}; null when not scored. */
  String leakageRisk() {
    return leakageRiskPct == null ? null : leakageRiskPct.toPlainString() + "% ("
        + (leakageRiskBand == null ? "no band" : leakageRiskBand) + ")";
  }

  private static String plain(BigDecimal v) {
    return v == null ? "n/a" : v.toPlainString();
  }

  private static String signed(BigDecimal v) {
    return v == null ? "n/a" : (v.signum() > 0 ? "+" : "") + v.toPlainString();
  }
}
