package dev.leakproof.cli.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.cli.ml.ReviewDecisions.Decision;
import dev.leakproof.cli.ml.ReviewDecisions.Label;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A review.csv filled in by reviewers read back as labels: decided rows only, and typos refused. */
class ReviewDecisionsTest {

  private static final String HEADER = "contract_id,account_id,account_name,owner,routed_to,status,status_reason,"
      + "findings,currency,leakage_amount,dispute_amount,risk_amount,opportunity_amount,end_date,renewal_date,"
      + "days_to_renewal,leak_type,period_start,period_end,decision\n";

  @TempDir
  Path dir;

  @Test
  void decidedRowsAreLabelsAndUndecidedOnesAreSkipped() throws Exception {
    Path file = write(HEADER
        + "CTR-1,ACC-1,Acme,csm@x,csm@x,flag,\"findings: anomaly; anomaly in 2026-02..2026-03 (score 98.2): "
        + "usage_growth_1m 1.4 (typical 1.01)\",0,USD,0.00,0.00,0.00,0.00,2026-12-31,2027-01-01,199,anomaly,"
        + "2026-02,2026-03,confirmed\n"
        + "CTR-2,ACC-2,Beta,csm@x,csm@x,flag,findings: seat_true_up,1,USD,10.00,0.00,0.00,0.00,2026-12-31,"
        + "2027-01-01,199,\"overage_unbilled, seat_true_up\",2026-01,2026-05, Dismissed \n"
        + "CTR-3,ACC-3,Gamma,csm@x,csm@x,flag,findings: seat_true_up,1,USD,10.00,0.00,0.00,0.00,2026-12-31,"
        + "2027-01-01,199,seat_true_up,2026-01,2026-01,\n"
        + "CTR-4,ACC-4,Delta,csm@x,csm@x,clean,no findings,0,USD,0.00,0.00,0.00,0.00,2026-12-31,2027-01-01,199,,,,\n");

    assertThat(ReviewDecisions.read(file)).containsExactly(
        new Label("ACC-1", "CTR-1", "anomaly", YearMonth.of(2026, 2), YearMonth.of(2026, 3), Decision.CONFIRMED),
        new Label("ACC-2", "CTR-2", "overage_unbilled, seat_true_up", YearMonth.of(2026, 1), YearMonth.of(2026, 5),
            Decision.DISMISSED));
  }

  @Test
  void anUnknownDecisionNamesTheFileTheLineAndTheValue() throws Exception {
    Path file = write(HEADER
        + "CTR-1,ACC-1,Acme,csm@x,csm@x,flag,r,0,USD,0,0,0,0,2026-12-31,2027-01-01,199,anomaly,2026-02,2026-03,\n"
        + "CTR-2,ACC-2,Beta,csm@x,csm@x,flag,r,0,USD,0,0,0,0,2026-12-31,2027-01-01,199,anomaly,2026-02,2026-03,"
        + "confirmd\n");

    assertThatThrownBy(() -> ReviewDecisions.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid " + file + " line 3: decision 'confirmd' (confirmed, dismissed or empty)");
  }

  @Test
  void aDecisionOnAContractWithoutFindingsIsRefused() throws Exception {
    Path file = write(HEADER
        + "CTR-4,ACC-4,Delta,csm@x,csm@x,clean,no findings,0,USD,0,0,0,0,2026-12-31,2027-01-01,199,,,,dismissed\n");

    assertThatThrownBy(() -> ReviewDecisions.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid " + file + " line 2: decision 'dismissed' on a contract with no period_start "
            + "(only contracts with findings are labels)");
  }

  @Test
  void aMalformedPeriodIsRefused() throws Exception {
    Path file = write(HEADER
        + "CTR-1,ACC-1,Acme,csm@x,csm@x,flag,r,0,USD,0,0,0,0,2026-12-31,2027-01-01,199,anomaly,2026-13,2026-03,"
        + "confirmed\n");

    assertThatThrownBy(() -> ReviewDecisions.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid " + file + " line 2: period_start '2026-13' (YYYY-MM)");
  }

  @Test
  void aReviewWrittenBeforeTheDecisionColumnIsRefused() throws Exception {
    Path file = write("contract_id,account_id,status\nCTR-1,ACC-1,flag\n");

    assertThatThrownBy(() -> ReviewDecisions.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid " + file + " line 1: missing column leak_type");
  }

  private Path write(String text) throws Exception {
    return Files.writeString(dir.resolve("review.csv"), text);
  }
}
