package dev.leakproof.connectors.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.connectors.api.ErrorKind;
import dev.leakproof.connectors.api.RetryPolicy;
import dev.leakproof.connectors.sync.testutils.MemoryDestination;
import dev.leakproof.connectors.sync.testutils.Sql;
import dev.leakproof.connectors.sync.testutils.TickingClock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncRunnerTest {

  private Connection db;
  private final MemoryDestination destination = new MemoryDestination();
  private final List<Duration> waits = new ArrayList<>();
  private final List<String> events = new ArrayList<>();
  private final TickingClock clock = new TickingClock(Instant.parse("2026-06-15T08:00:00Z"));

  @BeforeEach
  void warehouse() throws SQLException {
    db = DriverManager.getConnection("jdbc:duckdb:");
    sql("CREATE TABLE accounts_model (account_id VARCHAR, seats INTEGER, arr DECIMAL(18,2), renewal DATE)");
    for (int i = 1; i <= 8; i++) {
      sql("INSERT INTO accounts_model VALUES ('ACC-" + i + "', " + (10 * i) + ", " + (1000 * i) + ".50, DATE '2026-0"
          + i + "-01')");
    }
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  @Test
  void aFirstRunCreatesEveryRowAndASecondSendsNothing() throws Exception {
    RunRecord first = runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(destination);
    assertThat(first.status()).isEqualTo("SUCCEEDED");
    assertThat(first.creates()).isEqualTo(8);
    assertThat(first.confirmed()).isEqualTo(8);
    assertThat(destination.records).hasSize(8);
    assertThat(destination.records.get("ACC-3")).containsEntry("Seats__c", "30").containsEntry("Arr__c", "3000.5")
        .containsEntry("Renewal__c", "2026-03-01").containsEntry("Ext__c", "ACC-3");
    assertThat(query("SELECT state, count(*) FROM leakproof_sync.ledger GROUP BY state")).containsExactly("CONFIRMED|8");

    RunRecord second = runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(destination);
    assertThat(second.unchanged()).isEqualTo(8);
    assertThat(second.creates() + second.updates() + second.deletes()).isZero();
    assertThat(destination.received).hasSize(8);
    assertThat(destination.jobs).containsExactly(8);
  }

  @Test
  void aChangedRowSendsExactlyThatRowWithItsChangedFieldsInThePlan() throws Exception {
    runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(destination);
    sql("UPDATE accounts_model SET seats = 65 WHERE account_id = 'ACC-5'");
    Plan plan = runner(spec(SyncMode.UPSERT, Guardrails.defaults())).plan();
    assertThat(plan.changes()).singleElement().satisfies(c -> {
      assertThat(c.key()).isEqualTo("ACC-5");
      assertThat(c.kind()).isEqualTo(Plan.Kind.UPDATE);
      assertThat(c.changedFields()).containsExactly("Seats__c");
    });
    assertThat(query("SELECT record_key, change, operation, changed_fields FROM leakproof_sync.plans WHERE run_id = "
        + "(SELECT max(run_id) FROM leakproof_sync.plans)"))
        .containsExactly("ACC-5|update|upsert|Seats__c");
    assertThat(destination.received).hasSize(8);

    RunRecord run = runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(destination);
    assertThat(run.updates()).isEqualTo(1);
    assertThat(destination.received.subList(8, destination.received.size())).containsExactly("ACC-5");
    assertThat(destination.records.get("ACC-5")).containsEntry("Seats__c", "65").containsEntry("Id", "ID5");
  }

  @Test
  void aRejectedRowKeepsItsReasonAndIsRetriedUntilItSucceeds() throws Exception {
    destination.rejectKeys.put("ACC-2", "DUPLICATE_VALUE");
    RunRecord run = runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(destination);
    assertThat(run.status()).isEqualTo("PARTIAL");
    assertThat(run.confirmed()).isEqualTo(7);
    assertThat(run.rejected()).isEqualTo(1);
    assertThat(query("SELECT record_key, state, error_kind, error_code, error_message FROM leakproof_sync.ledger "
        + "WHERE state <> 'CONFIRMED'"))
        .containsExactly("ACC-2|REJECTED|ROW_INVALID|DUPLICATE_VALUE|DUPLICATE_VALUE: rejected by the test");

    Plan again = runner(spec(SyncMode.UPSERT, Guardrails.defaults())).plan();
    assertThat(again.changes()).singleElement().satisfies(c -> {
      assertThat(c.key()).isEqualTo("ACC-2");
      assertThat(c.retryOf()).isEqualTo("REJECTED DUPLICATE_VALUE");
    });
    runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(destination);
    assertThat(query("SELECT state FROM leakproof_sync.ledger WHERE record_key = 'ACC-2'"))
        .containsExactly("REJECTED");

    sql("INSERT INTO accounts_model VALUES ('ACC-9', 1, 1, NULL)");
    destination.rejectKeys.put("ACC-9", "INVALID_FIELD");
    runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(destination);
    assertThat(query("SELECT count(*) FROM leakproof_sync.ledger WHERE record_key = 'ACC-9'")).containsExactly("1");
    sql("DELETE FROM accounts_model WHERE account_id = 'ACC-9'");
    runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(destination);
    assertThat(query("SELECT count(*) FROM leakproof_sync.ledger WHERE record_key = 'ACC-9'"))
        .as("a row that left the model before it was ever accepted is forgotten").containsExactly("0");

    destination.rejectKeys.clear();
    RunRecord fixed = runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(destination);
    assertThat(fixed.status()).isEqualTo("SUCCEEDED");
    assertThat(query("SELECT state, error_code FROM leakproof_sync.ledger WHERE record_key = 'ACC-2'"))
        .containsExactly("CONFIRMED|null");
    assertThat(destination.records).containsKey("ACC-2");
  }

  @Test
  void aWholeBatchRetriableFaultIsRetriedWithBackoffHonouringRetryAfter() throws Exception {
    destination.faults.add(MemoryDestination.fault(ErrorKind.RETRIABLE, "SERVER_UNAVAILABLE", null));
    destination.faults.add(MemoryDestination.fault(ErrorKind.RETRIABLE, "TOO_MANY_REQUESTS", Duration.ofSeconds(9)));
    RunRecord run = runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(destination);
    assertThat(run.status()).isEqualTo("SUCCEEDED");
    assertThat(waits).hasSize(2);
    assertThat(waits.get(0)).isLessThanOrEqualTo(Duration.ofMillis(100));
    assertThat(waits.get(1)).isEqualTo(Duration.ofSeconds(9));
    assertThat(destination.received).hasSize(8);
    assertThat(events).contains("retry 2 SERVER_UNAVAILABLE", "retry 3 TOO_MANY_REQUESTS");
  }

  @Test
  void lockedRowsAreRetriedInTheSameRunAndRejectedWhenTheAttemptsRunOut() throws Exception {
    destination.locked.put("ACC-1", 2);
    destination.locked.put("ACC-7", 10);
    RunRecord run = runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(destination);
    assertThat(run.confirmed()).isEqualTo(7);
    assertThat(run.rejected()).isEqualTo(1);
    // three attempts: ACC-1 gets its lock on the third, ACC-7 never does
    assertThat(destination.jobs).containsExactly(8, 2, 2);
    assertThat(query("SELECT record_key, state, error_kind, error_code FROM leakproof_sync.ledger "
        + "WHERE state <> 'CONFIRMED'")).containsExactly("ACC-7|REJECTED|RETRIABLE|UNABLE_TO_LOCK_ROW");
  }

  @Test
  void aBatchRefusedWholeIsHalvedUntilTheBadRowIsIsolated() throws Exception {
    destination.poisonsBatch = k -> k.equals("ACC-6");
    RunRecord run = runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(destination);
    assertThat(run.confirmed()).isEqualTo(7);
    assertThat(run.rejected()).isEqualTo(1);
    // 1-4 go through; 5-8 fail, then 5-6 fail, 5 goes, 6 alone is rejected, then 7-8 go
    assertThat(destination.jobs).containsExactly(4, 1, 2);
    assertThat(events.stream().filter(e -> e.startsWith("split"))).containsExactly("split 8", "split 4", "split 2");
    assertThat(query("SELECT record_key, error_code FROM leakproof_sync.ledger WHERE state = 'REJECTED'"))
        .containsExactly("ACC-6|INVALID_BATCH");
  }

  @Test
  void aPermanentFaultStopsTheRunAndLeavesTheRestUnprocessedWithTheReason() throws Exception {
    SyncSpec spec = new SyncSpec("accounts", "", "accounts_model", "account_id", "memory", "Account", "Ext__c",
        SyncMode.UPSERT, mappings(), List.of(), Guardrails.defaults(), 3);
    RunRecord[] failed = new RunRecord[1];
    SyncRunner first = runner(spec);
    // the first batch of 3 meets a passing fault, then, on its retry, a permanent one
    destination.faults.add(MemoryDestination.fault(ErrorKind.RETRIABLE, "SERVER_UNAVAILABLE", null));
    destination.faults.add(MemoryDestination.fault(ErrorKind.PERMANENT, "INVALID_SESSION_ID", null));
    assertThatThrownBy(() -> {
      try {
        first.apply(destination);
      } catch (SyncFailedException e) {
        failed[0] = e.run();
        throw e;
      }
    }).isInstanceOf(SyncFailedException.class).hasMessageContaining("INVALID_SESSION_ID");
    assertThat(destination.jobs).isEmpty();
    assertThat(failed[0].status()).isEqualTo("FAILED");
    assertThat(failed[0].unprocessed()).isEqualTo(8);
    assertThat(query("SELECT DISTINCT state, error_code FROM leakproof_sync.ledger"))
        .containsExactly("UNPROCESSED|UNPROCESSED");
    assertThat(query("SELECT status, message FROM leakproof_sync.runs"))
        .containsExactly("FAILED|INVALID_SESSION_ID: INVALID_SESSION_ID from the test");

    RunRecord again = runner(spec).apply(destination);
    assertThat(again.status()).isEqualTo("SUCCEEDED");
    assertThat(again.creates()).isEqualTo(8);
    assertThat(destination.received).hasSize(8);
  }

  @Test
  void aDroppedConnectionAfterTheJobRanIsReconciledWithoutSendingAgain() throws Exception {
    destination.dropAfterProcessing = 1;
    RunRecord run = runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(destination);
    assertThat(run.status()).isEqualTo("SUCCEEDED");
    assertThat(run.confirmed()).isEqualTo(8);
    assertThat(destination.received).hasSize(8);
    assertThat(events).contains("reconciled job-1 8");
  }

  @Test
  void aRunKilledWhileItsJobRanIsResumedByTheNextRunAndNothingIsSentTwice() throws Exception {
    destination.dieAfterProcessing = true;
    assertThatThrownBy(() -> runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(destination))
        .isInstanceOf(MemoryDestination.KilledError.class);
    assertThat(query("SELECT DISTINCT state, job_id FROM leakproof_sync.ledger")).containsExactly("SENT|job-1");
    assertThat(query("SELECT status FROM leakproof_sync.runs")).containsExactly("RUNNING");

    sql("UPDATE accounts_model SET seats = 99 WHERE account_id = 'ACC-8'");
    RunRecord next = runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(destination);
    assertThat(events).contains("reconciled job-1 8");
    assertThat(next.updates()).isEqualTo(1);
    assertThat(destination.received).hasSize(9);
    assertThat(destination.received.get(8)).isEqualTo("ACC-8");
    assertThat(destination.records.get("ACC-8")).containsEntry("Seats__c", "99");
    assertThat(query("SELECT status FROM leakproof_sync.runs ORDER BY started_at"))
        .containsExactly("INTERRUPTED", "SUCCEEDED");
  }

  @Test
  void guardrailsRefuseAPlanAndNothingIsSent() throws Exception {
    runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(destination);
    sql("UPDATE accounts_model SET seats = seats + 1 WHERE account_id IN ('ACC-1', 'ACC-2', 'ACC-3')");
    Guardrails strict = new Guardrails(25.0, 0, Guardrails.NullOverwrite.REFUSE);
    assertThatThrownBy(() -> runner(spec(SyncMode.UPSERT, strict)).apply(destination))
        .isInstanceOf(GuardrailException.class)
        .hasMessage("Cannot apply accounts: the plan changes 37.5% of the 8 synced records (3), more than "
            + "guardrails.max_change_pct 25.0; nothing was sent");
    sql("UPDATE accounts_model SET seats = seats - 1 WHERE account_id IN ('ACC-1', 'ACC-2', 'ACC-3')");

    sql("UPDATE accounts_model SET renewal = NULL WHERE account_id = 'ACC-4'");
    assertThatThrownBy(() -> runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(destination))
        .hasMessage("Cannot apply accounts: record ACC-4 would write a null over Renewal__c = 2026-04-01 (set "
            + "guardrails.allow_null_overwrite: true to allow); nothing was sent");
    sql("UPDATE accounts_model SET renewal = DATE '2026-04-01' WHERE account_id = 'ACC-4'");

    sql("INSERT INTO accounts_model VALUES ('ACC-2', 1, 1, NULL)");
    assertThatThrownBy(() -> runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(destination))
        .hasMessage("Cannot sync accounts: account_id ACC-2 appears twice in accounts_model (rows 2 and 9)");
    sql("DELETE FROM accounts_model WHERE account_id = 'ACC-2' AND seats = 1");
    sql("INSERT INTO accounts_model VALUES (NULL, 1, 1, NULL)");
    assertThatThrownBy(() -> runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(destination))
        .hasMessage("Cannot sync accounts: row 9 of accounts_model has a null account_id");

    assertThat(destination.received).hasSize(8);
    assertThat(query("SELECT status, count(*) FROM leakproof_sync.runs GROUP BY status ORDER BY status"))
        .containsExactly("REFUSED|4", "SUCCEEDED|1");
  }

  @Test
  void mirrorDeletesOnlyWhatTheSyncCreatedAndWithinMaxDeletes() throws Exception {
    destination.records.put("ACC-1", new LinkedHashMap<>(Map.of("Id", "PRE1", "Ext__c", "ACC-1")));
    SyncSpec mirror = spec(SyncMode.MIRROR, new Guardrails(null, 1, Guardrails.NullOverwrite.REFUSE));
    runner(mirror).apply(destination);
    assertThat(query("SELECT record_key, created_by_sync FROM leakproof_sync.ledger WHERE record_key IN "
        + "('ACC-1', 'ACC-2') ORDER BY 1")).containsExactly("ACC-1|false", "ACC-2|true");

    sql("DELETE FROM accounts_model WHERE account_id IN ('ACC-1', 'ACC-2')");
    RunRecord run = runner(mirror).apply(destination);
    assertThat(run.deletes()).isEqualTo(1);
    assertThat(destination.records).containsKey("ACC-1").doesNotContainKey("ACC-2");
    assertThat(query("SELECT count(*) FROM leakproof_sync.ledger WHERE record_key = 'ACC-2'")).containsExactly("0");

    sql("DELETE FROM accounts_model WHERE account_id IN ('ACC-3', 'ACC-4')");
    assertThatThrownBy(() -> runner(mirror).apply(destination))
        .hasMessage("Cannot apply accounts: the plan deletes 2 records, more than guardrails.max_deletes 1; "
            + "nothing was sent");
  }

  @Test
  void updateModeNeverCreates() throws Exception {
    destination.records.put("ACC-1", new LinkedHashMap<>(Map.of("Id", "PRE1", "Ext__c", "ACC-1")));
    RunRecord run = runner(spec(SyncMode.UPDATE, Guardrails.defaults())).apply(destination);
    assertThat(run.confirmed()).isEqualTo(1);
    assertThat(run.rejected()).isEqualTo(7);
    assertThat(destination.records).containsOnlyKeys("ACC-1");
    assertThat(destination.records.get("ACC-1")).containsEntry("Seats__c", "10");
  }

  @Test
  void createOnlyFieldsAreSentOnCreateAndNeverUpdated() throws Exception {
    SyncSpec spec = new SyncSpec("accounts", "", "accounts_model", "account_id", "memory", "Account", "Ext__c",
        SyncMode.UPSERT, mappings(), List.of("Renewal__c"), Guardrails.defaults(), 1000);
    runner(spec).apply(destination);
    destination.records.get("ACC-1").put("Renewal__c", "2030-01-01");
    sql("UPDATE accounts_model SET renewal = DATE '2027-01-01' WHERE account_id = 'ACC-1'");
    assertThat(runner(spec).plan().changes()).isEmpty();

    sql("UPDATE accounts_model SET seats = 11 WHERE account_id = 'ACC-1'");
    sql("INSERT INTO accounts_model VALUES ('ACC-9', 90, 9000, DATE '2026-09-01')");
    Plan plan = runner(spec).plan();
    assertThat(plan.changes()).extracting(Plan.Change::key, Plan.Change::kind, Plan.Change::changedFields)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ACC-1", Plan.Kind.UPDATE, List.of("Seats__c")),
            org.assertj.core.groups.Tuple.tuple("ACC-9", Plan.Kind.CREATE,
                List.of("Ext__c", "Seats__c", "Arr__c", "Renewal__c")));
    runner(spec).apply(destination);
    assertThat(destination.records.get("ACC-1")).containsEntry("Seats__c", "11").containsEntry("Renewal__c",
        "2030-01-01");
    assertThat(destination.records.get("ACC-9")).containsEntry("Renewal__c", "2026-09-01");
    assertThat(destination.jobs).containsExactly(8, 1, 1);
  }

  @Test
  void aLedgerIsForOneDestinationInstanceUntilReset() throws Exception {
    runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(destination);
    MemoryDestination sandbox = new MemoryDestination() {
      @Override
      public String identity() {
        return "memory sandbox";
      }
    };
    assertThatThrownBy(() -> runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(sandbox))
        .isInstanceOf(GuardrailException.class)
        .hasMessage("Cannot apply accounts: its ledger holds what memory confirmed, and this run writes to memory "
            + "sandbox; run `leakproof sync reset accounts` to send everything to the new destination; nothing was "
            + "sent");
    assertThat(new SyncStore(db).reset("accounts")).isEqualTo(8);
    RunRecord fresh = runner(spec(SyncMode.UPSERT, Guardrails.defaults())).apply(sandbox);
    assertThat(fresh.creates()).isEqualTo(8);
    assertThat(sandbox.records).hasSize(8);
  }

  private SyncRunner runner(SyncSpec spec) throws SQLException {
    SyncListener listener = new SyncListener() {
      @Override
      public void retrying(int attempt, Duration wait, String reason) {
        events.add("retry " + attempt + " " + reason.split(":")[0]);
      }

      @Override
      public void splitting(int size, String reason) {
        events.add("split " + size);
      }

      @Override
      public void reconciled(String jobId, int records) {
        events.add("reconciled " + jobId + " " + records);
      }
    };
    SyncRunner.Options options = new SyncRunner.Options(new RetryPolicy(3, Duration.ofMillis(100),
        Duration.ofSeconds(1)), waits::add, new SplittableRandom(5), clock, listener);
    return new SyncRunner(spec, db, "accounts_model", options);
  }

  private static Map<String, String> mappings() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("account_id", "Ext__c");
    m.put("seats", "Seats__c");
    m.put("arr", "Arr__c");
    m.put("renewal", "Renewal__c");
    return m;
  }

  private static SyncSpec spec(SyncMode mode, Guardrails guardrails) {
    return new SyncSpec("accounts", "", "accounts_model", "account_id", "memory", "Account", "Ext__c", mode,
        mappings(), List.of(), guardrails, 1000);
  }

  private void sql(String statement) throws SQLException {
    Sql.execute(db, statement);
  }

  private List<String> query(String sql) throws SQLException {
    return Sql.rows(db, sql);
  }
}
