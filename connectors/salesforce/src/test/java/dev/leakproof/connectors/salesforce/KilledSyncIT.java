package dev.leakproof.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.connectors.salesforce.emulator.EmulatorConfig;
import dev.leakproof.connectors.salesforce.emulator.JobSnapshot;
import dev.leakproof.connectors.salesforce.emulator.JobState;
import dev.leakproof.connectors.salesforce.testutils.OrgFixture;
import dev.leakproof.connectors.salesforce.testutils.SyncProcess;
import dev.leakproof.connectors.sync.RunRecord;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync process killed with SIGKILL after its job was uploaded and closed, while it polls: the
 * next run takes the job's results instead of sending its records again.
 */
class KilledSyncIT {

  @Test
  void aRunKilledBetweenUploadAndPollIsResumedAndNothingIsSentTwice(@TempDir Path dir) throws Exception {
    Path warehouse = dir.resolve("w.duckdb");
    try (OrgFixture f = new OrgFixture(EmulatorConfig.defaults(), "jdbc:duckdb:" + warehouse)) {
      f.addAccounts(1, 25);
      f.db.close();
      f.org.faults().slowJobs(Duration.ofSeconds(3));

      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), SyncProcess.class.getName(), warehouse.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("sync.log").toFile());
      pb.environment().put("SALESFORCE_LOGIN_URL", f.org.baseUri().toString());
      pb.environment().put("SALESFORCE_AUTH_CLIENT_ID", f.org.config().clientId());
      pb.environment().put("SALESFORCE_AUTH_CLIENT_SECRET", f.org.config().clientSecret());
      Process sync = pb.start();
      JobSnapshot running = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (running == null && System.nanoTime() < deadline && sync.isAlive()) {
        running = f.org.jobs().stream().filter(j -> j.state() == JobState.UPLOAD_COMPLETE
            || j.state() == JobState.IN_PROGRESS).findFirst().orElse(null);
        Thread.sleep(5);
      }
      assertThat(running).as("a job uploaded and closed; log: %s", dir.resolve("sync.log")).isNotNull();
      sync.destroyForcibly();
      assertThat(sync.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(sync.exitValue()).as("killed by SIGKILL").isEqualTo(137);

      try (OrgFixture after = new OrgFixture(f.org, "jdbc:duckdb:" + warehouse)) {
        assertThat(after.query("SELECT DISTINCT state, job_id FROM leakproof_sync.ledger"))
            .containsExactly("SENT|" + running.id());
        assertThat(after.query("SELECT status FROM leakproof_sync.runs")).containsExactly("RUNNING");
        RunRecord resumed = after.sync();
        assertThat(resumed.status()).isEqualTo("SUCCEEDED");
        assertThat(after.events).contains("reconciled 25");
        assertThat(resumed.unchanged()).isEqualTo(25);
        assertThat(f.org.jobs()).as("no second job").hasSize(1);
        assertThat(f.processed()).isEqualTo(25);
        List<java.util.Map<String, Object>> accounts = f.org.records("Account");
        assertThat(accounts).hasSize(25);
        assertThat(after.accountsByLeakproofId().get("ACC-00025")).containsEntry("Seats_Active__c",
            new BigDecimal("35.00"));
        assertThat(after.query("SELECT status FROM leakproof_sync.runs ORDER BY started_at"))
            .containsExactly("INTERRUPTED", "SUCCEEDED");
        assertThat(after.query("SELECT count(*) FROM leakproof_sync.ledger WHERE state = 'CONFIRMED'"))
            .containsExactly("25");
      }
    }
  }
}
