package dev.leakproof.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.connectors.salesforce.emulator.EmulatorConfig;
import dev.leakproof.connectors.salesforce.testutils.OrgFixture;
import dev.leakproof.connectors.sync.Guardrails;
import dev.leakproof.connectors.sync.RunRecord;
import dev.leakproof.connectors.sync.SyncFailedException;
import dev.leakproof.connectors.sync.SyncMode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

/** Real syncs through Bulk API 2.0 against the emulated org. */
class SalesforceSyncIT {

  private OrgFixture f;

  @BeforeEach
  void start() throws Exception {
    f = OrgFixture.start();
    f.addAccounts(1, 12);
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  @Test
  void aFirstSyncCreatesTheAccountsAndASecondSendsNothing() throws Exception {
    RunRecord first = f.sync();
    assertThat(first.status()).isEqualTo("SUCCEEDED");
    assertThat(first.confirmed()).isEqualTo(12);
    Map<String, Object> acc = f.accountsByLeakproofId().get("ACC-00007");
    assertThat(acc).containsEntry("Name", "Customer 7").containsEntry("Seats_Active__c", new BigDecimal("17.00"))
        .containsEntry("Renewal_Date__c", LocalDate.parse("2027-08-01")).containsEntry("Renewal_Risk__c", "low")
        .containsEntry("Usage_Trend_Pct__c", new BigDecimal("2.25"))
        .containsEntry("Leakproof_Synced_At__c", Instant.parse("2026-06-15T00:00:00Z"));
    assertThat(f.query("SELECT count(*) FROM leakproof_sync.ledger WHERE state = 'CONFIRMED' AND destination_id "
        + "LIKE '001%'")).containsExactly("12");
    int jobs = f.org.jobs().size();
    long calls = f.org.apiUsage();

    RunRecord second = f.sync();
    assertThat(second.unchanged()).isEqualTo(12);
    assertThat(second.confirmed()).isZero();
    assertThat(f.org.jobs()).hasSize(jobs);
    assertThat(f.org.apiUsage()).as("a run with nothing to send calls nothing").isEqualTo(calls);
  }

  @Test
  void aChangedRowSendsExactlyThatRow() throws Exception {
    f.sync();
    f.sql("UPDATE accounts_model SET seats_active = 65, account_name = 'Renamed' WHERE account_id = 'ACC-00003'");
    RunRecord run = f.sync();
    assertThat(run.updates()).isEqualTo(1);
    assertThat(f.org.jobs().get(f.org.jobs().size() - 1).numberRecordsProcessed()).isEqualTo(1);
    assertThat(f.accountsByLeakproofId().get("ACC-00003")).containsEntry("Seats_Active__c", new BigDecimal("65.00"))
        .as("Name is create-only: the CRM owns it once the account exists").containsEntry("Name", "Customer 3");
    assertThat(f.org.records("Account")).hasSize(12);
  }

  @Test
  void aRejectedRowKeepsItsReasonUntilItSucceeds() throws Exception {
    f.sql("UPDATE accounts_model SET renewal_risk = 'severe' WHERE account_id = 'ACC-00004'");
    f.sql("UPDATE accounts_model SET account_name = NULL WHERE account_id = 'ACC-00005'");
    RunRecord run = f.sync();
    assertThat(run.status()).isEqualTo("PARTIAL");
    assertThat(run.confirmed()).isEqualTo(10);
    assertThat(f.query("SELECT record_key, state, error_kind, error_code FROM leakproof_sync.ledger "
        + "WHERE state <> 'CONFIRMED' ORDER BY record_key")).containsExactly(
        "ACC-00004|REJECTED|ROW_INVALID|INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
        "ACC-00005|REJECTED|ROW_INVALID|REQUIRED_FIELD_MISSING");
    assertThat(f.query("SELECT error_message FROM leakproof_sync.ledger WHERE record_key = 'ACC-00004'").get(0))
        .contains("severe");

    f.sql("UPDATE accounts_model SET renewal_risk = 'high' WHERE account_id = 'ACC-00004'");
    f.sql("UPDATE accounts_model SET account_name = 'Customer 5' WHERE account_id = 'ACC-00005'");
    RunRecord again = f.sync();
    assertThat(again.status()).isEqualTo("SUCCEEDED");
    assertThat(again.creates()).isEqualTo(2);
    assertThat(f.org.records("Account")).hasSize(12);
  }

  @Test
  void lockedRowsAreRetriedAndPassingFaultsAtEveryCallAreRiddenOut() throws Exception {
    f.org.faults().lockRows(3);
    f.org.faults().tooManyRequests(1, 1);
    RunRecord run = f.sync();
    assertThat(run.status()).isEqualTo("SUCCEEDED");
    assertThat(f.events).contains("retry ROW_RETRY");
    assertThat(f.waits).as("the 429's Retry-After is honoured").contains(Duration.ofSeconds(1));

    f.sql("UPDATE accounts_model SET seats_active = seats_active + 1");
    f.org.faults().serviceUnavailable(2, 0);
    f.org.faults().dropConnections(1, "/services/data/v62.0/jobs/ingest/");
    f.org.faults().slowJobs(3);
    long before = f.processed();
    RunRecord second = f.sync(OrgFixture.accounts(SyncMode.UPSERT, Guardrails.defaults(), 5));
    assertThat(second.status()).isEqualTo("SUCCEEDED");
    assertThat(second.confirmed()).isEqualTo(12);
    assertThat(f.org.records("Account")).hasSize(12);
    assertThat(f.accountsByLeakproofId().get("ACC-00012")).containsEntry("Seats_Active__c", new BigDecimal("23.00"));
    assertThat(f.processed() - before).as("every record processed once").isEqualTo(12);
  }

  @Test
  void anExpiredSessionIsRenewedOnce() throws Exception {
    f.sync();
    f.org.expireTokens();
    f.sql("UPDATE accounts_model SET seats_active = 1 WHERE account_id = 'ACC-00001'");
    try (SalesforceDestination d = f.destination()) {
      d.api().job("750000000000000AAA");
    } catch (dev.leakproof.connectors.api.DestinationException e) {
      assertThat(e.code()).isNotEqualTo("INVALID_SESSION_ID");
    }
    assertThat(f.sync().status()).isEqualTo("SUCCEEDED");
  }

  @Test
  void aJobThatFailsWholeIsHalvedUntilTheBadRowsAreIsolated() throws Exception {
    f.org.faults().failNextJob("InvalidBatch : Failed to parse row 7");
    RunRecord run = f.sync();
    assertThat(run.status()).isEqualTo("SUCCEEDED");
    assertThat(f.events).contains("split 12");
    assertThat(f.org.records("Account")).hasSize(12);
  }

  @Test
  void permanentFaultsStopTheRunWithTheReasonAndTheNextRunSettlesWhatWasInFlight(@TempDir Path dir)
      throws Exception {
    String warehouse = "jdbc:duckdb:" + dir.resolve("w.duckdb");
    try (OrgFixture small = new OrgFixture(EmulatorConfig.defaults().withDailyApiBudget(6), warehouse)) {
      small.addAccounts(1, 3);
      assertThatThrownBy(small::sync).isInstanceOf(SyncFailedException.class)
          .hasMessageContaining("API_BUDGET_RESERVED");
      assertThat(small.query("SELECT status FROM leakproof_sync.runs")).containsExactly("FAILED");
      // the job was created (and journaled) before the budget ran out: it stays SENT, with the reason,
      // until a run learns its outcome
      assertThat(small.query("SELECT DISTINCT state, error_code FROM leakproof_sync.ledger"))
          .containsExactly("SENT|API_BUDGET_RESERVED");
    }
    // a ledger is for one org: another one is refused until the sync is reset
    try (OrgFixture other = new OrgFixture(EmulatorConfig.defaults(), warehouse)) {
      assertThatThrownBy(other::sync).hasMessageContaining("its ledger holds what salesforce http://127.0.0.1:")
          .hasMessageContaining("run `leakproof sync reset salesforce_accounts`");
      assertThat(new dev.leakproof.connectors.sync.SyncStore(other.db).reset("salesforce_accounts")).isEqualTo(3);
      RunRecord run = other.sync();
      assertThat(run.status()).isEqualTo("SUCCEEDED");
      assertThat(run.creates()).isEqualTo(3);
      assertThat(other.org.records("Account")).hasSize(3);
    }
  }

  @Test
  void aJobTheOrgNoLongerKnowsIsSentAgainByExternalIdWithoutDuplicates() throws Exception {
    f.sync();
    f.sql("UPDATE leakproof_sync.ledger SET state = 'SENT', job_id = '750Lp00000000ZZIAA' "
        + "WHERE record_key IN ('ACC-00001', 'ACC-00002')");
    RunRecord run = f.sync();
    assertThat(f.events).contains("reconciled 2");
    assertThat(run.updates()).isEqualTo(2);
    assertThat(run.confirmed()).isEqualTo(2);
    assertThat(f.org.records("Account")).hasSize(12);
    assertThat(f.query("SELECT count(*) FROM leakproof_sync.ledger WHERE state = 'CONFIRMED'")).containsExactly("12");
  }

  @Test
  void unknownFieldsAreRefusedBeforeAnythingIsSent() throws Exception {
    var m = new java.util.LinkedHashMap<>(OrgFixture.accounts().mappings());
    m.put("seats_active", "Seats_Used__c");
    var spec = new dev.leakproof.connectors.sync.SyncSpec("salesforce_accounts", "", "accounts_model", "account_id",
        "salesforce", "Account", "Leakproof_Id__c", SyncMode.UPSERT, m, java.util.List.of(), Guardrails.defaults(),
        100);
    assertThatThrownBy(() -> f.sync(spec)).isInstanceOf(SyncFailedException.class)
        .hasMessageContaining("Cannot upsert Account: field Seats_Used__c does not exist");
    assertThat(f.org.jobs()).isEmpty();
  }

  @Test
  void uploadsAreSplitBelowTheConfiguredSize() throws Exception {
    f.set("bulk.max-upload-bytes", "1024");
    f.addAccounts(13, 40);
    RunRecord run = f.sync();
    assertThat(run.confirmed()).isEqualTo(40);
    assertThat(f.org.jobs()).hasSizeGreaterThan(2);
    assertThat(f.processed()).isEqualTo(40);
  }

  @Test
  void updateModeNeverCreatesAndMirrorDeletesOnlyWhatItCreated() throws Exception {
    f.org.insert("Account", Map.of("Name", "Made by hand", "Leakproof_Id__c", "ACC-00001"));
    RunRecord update = f.sync(OrgFixture.accounts(SyncMode.UPDATE, Guardrails.defaults(), 100));
    assertThat(update.confirmed()).isEqualTo(1);
    assertThat(update.rejected()).isEqualTo(11);
    assertThat(f.query("SELECT DISTINCT error_code FROM leakproof_sync.ledger WHERE state = 'REJECTED'"))
        .containsExactly("NOT_FOUND");

    f.sql("DELETE FROM leakproof_sync.ledger");
    var mirror = OrgFixture.accounts(SyncMode.MIRROR, new Guardrails(null, 5, Guardrails.NullOverwrite.REFUSE), 100);
    f.sync(mirror);
    assertThat(f.org.records("Account")).hasSize(12);
    f.sql("DELETE FROM accounts_model WHERE account_id IN ('ACC-00001', 'ACC-00002')");
    RunRecord run = f.sync(mirror);
    assertThat(run.deletes()).isEqualTo(1);
    assertThat(f.accountsByLeakproofId()).containsKey("ACC-00001").doesNotContainKey("ACC-00002").hasSize(11);
  }
}
