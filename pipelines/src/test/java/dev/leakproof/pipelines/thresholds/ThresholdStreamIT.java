package dev.leakproof.pipelines.thresholds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.hygiene.LocalProgress;
import dev.leakproof.pipelines.kafka.EventHeaders;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.lake.LakeTable;
import dev.leakproof.pipelines.stream.ContinuousSettings;
import dev.leakproof.pipelines.stream.RunningJob;
import dev.leakproof.pipelines.stream.StreamJob;
import dev.leakproof.pipelines.testutils.LakeContent;
import dev.leakproof.pipelines.testutils.TestBroker;
import dev.leakproof.pipelines.testutils.TopicWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threshold events on the real broker (a local process) and the continuous job: a stream of usage
 * crossing 50%, 90% and 100% of a plan limit raises each level once and in order; the job killed
 * after it saw a crossing and before the checkpoint that commits it raises the level once after
 * the restart; replaying every event again raises nothing; a correction counts only its
 * difference; usage past 200% raises 200% once.
 */
class ThresholdStreamIT {

  @TempDir Path dir;

  private static String usage(String id, int quantity, String occurredAt) {
    return "{\"event_id\": \"" + id + "\", \"workspace_id\": \"ws-1\", \"metric\": \"emails_sent\", \"quantity\": "
        + quantity + ", \"occurred_at\": \"" + occurredAt + "\"}";
  }

  static Path reference(Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("workspaces.csv"), "workspace_id,account_id\nws-1,ACC-1\nws-2,ACC-2\n");
    Files.writeString(dir.resolve("price_book.csv"), "plan_id,price_version,metric,included_units,"
        + "overage_unit_price,effective_from\nstarter,1,emails_sent,1000,0.0100,2024-01-01\n"
        + "starter,1,api_calls,100000,0.0020,2024-01-01\n");
    Files.writeString(dir.resolve("contracts.csv"), "contract_id,account_id,plan_id,price_version,start_date,"
        + "end_date,seats_licensed,seat_unit_price,currency,annual_uplift_pct,discount_pct,discount_end_date,"
        + "auto_bill_overages,auto_renew,champion_name,technical_scope,closed_rate_note\n"
        + "CTR-1,ACC-1,starter,1,2026-01-01,2026-12-31,10,20.00,USD,0,0,,false,false,Pat,SSO,list\n");
    Files.writeString(dir.resolve("accounts.csv"), "account_id,account_name,segment,csm_email,crm_health,"
        + "last_csm_contact_date\nACC-1,Acme,smb,csm@example.com,green,\n");
    return dir;
  }

  @Test
  void eachLevelOnceAndInOrderThroughAKillAReplayAndACorrection() throws Exception {
    Path reference = reference(dir.resolve("reference"));
    List<String> phase1 = List.of(usage("e1", 400, "2026-06-03T10:00:00Z"), usage("e2", 150, "2026-06-04T10:00:00Z"));
    List<String> phase2 = List.of(usage("e3", 300, "2026-06-05T10:00:00Z"), usage("e4", 100, "2026-06-06T10:00:00Z"),
        usage("e5", 100, "2026-06-07T10:00:00Z"));
    String correction = "{\"event_id\": \"c1\", \"workspace_id\": \"ws-1\", \"metric\": \"emails_sent\", "
        + "\"quantity\": 350, \"occurred_at\": \"2026-06-05T10:00:00Z\", \"corrects_event_id\": \"e3\"}";
    String past200 = usage("e6", 1000, "2026-06-08T10:00:00Z");
    try (TestBroker broker = TestBroker.start(dir.resolve("kafka"), 2)) {
      long at = EventHeaders.micros(Instant.parse("2026-06-08T12:00:00Z"));
      Path work = dir.resolve("work");
      ContinuousSettings fast = ContinuousSettings.defaults(2).withCheckpointInterval(Duration.ofSeconds(1));
      Lake lake = new Lake(work.resolve("lake"));

      write(broker, reference, at, phase1);
      try (RunningJob job = new StreamJob(new StreamJob.Config(broker.settings(), work, reference, fast)).start()) {
        assertThat(await(lake, 1, job)).containsExactly("50|550.000000000000|e2|CTR-1|csm@example.com|");
        job.stopWithSavepoint(Duration.ofMinutes(2));
      }

      // no checkpoint in this run: the crossings it sees are never committed by it
      ContinuousSettings never = fast.withCheckpointInterval(Duration.ofHours(1));
      long before = LocalProgress.counter(StreamJob.PROGRESS_KEY).get();
      try (RunningJob job = new StreamJob(new StreamJob.Config(broker.settings(), work, reference, never)).start()) {
        write(broker, reference, at + 10_000_000, phase2);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (LocalProgress.counter(StreamJob.PROGRESS_KEY).get() < before + phase2.size()) {
          assertThat(System.nanoTime()).as("the job did not read the events").isLessThan(deadline);
          Thread.sleep(200);
        }
        Thread.sleep(3000); // past the watermark and the keyed operators
        job.cancel();
      }
      assertThat(rows(lake)).as("killed before its checkpoint: nothing new committed").hasSize(1);

      try (RunningJob job = new StreamJob(new StreamJob.Config(broker.settings(), work, reference, fast)).start()) {
        assertThat(job.restoredFrom()).isPresent();
        assertThat(await(lake, 3, job)).containsExactly(
            "100|1050.000000000000|e5|CTR-1|csm@example.com|",
            "50|550.000000000000|e2|CTR-1|csm@example.com|",
            "90|950.000000000000|e4|CTR-1|csm@example.com|");
        // every event again, a correction (+50) and usage past 200%: an original passes at once, a
        // correction waits for the watermark, so e6 crosses at 1050 + 1000 and the +50 follows
        List<String> again = new java.util.ArrayList<>(phase1);
        again.addAll(phase2);
        again.add(correction);
        again.add(past200);
        write(broker, reference, at + 20_000_000, again);
        assertThat(await(lake, 4, job)).containsExactly(
            "100|1050.000000000000|e5|CTR-1|csm@example.com|",
            "200|2050.000000000000|e6|CTR-1|csm@example.com|",
            "50|550.000000000000|e2|CTR-1|csm@example.com|",
            "90|950.000000000000|e4|CTR-1|csm@example.com|");
        assertThat(LakeContent.rows(lake, LakeTable.USAGE_THRESHOLDS, "account_id", "metric", "usage_month",
            "included_units", "plan_id", "overage_unit_price", "currency")).containsOnly(
            "ACC-1|emails_sent|2026-06-01|1000.000000000000|starter|0.010000000000|USD|");
        job.stopWithSavepoint(Duration.ofMinutes(2));
      }
      assertThat(detectedInOrder(lake)).isTrue();
    }
  }

  private static void write(TestBroker broker, Path reference, long at, List<String> lines) {
    try (TopicWriter writer = new TopicWriter(broker.settings(), reference, at)) {
      lines.forEach(l -> writer.write(EventStream.USAGE, l));
      writer.heartbeat(Duration.ofSeconds(1));
    }
  }

  private static List<String> rows(Lake lake) throws Exception {
    return LakeContent.rows(lake, LakeTable.USAGE_THRESHOLDS, "level_pct", "usage_quantity", "event_id",
        "contract_id", "csm_email");
  }

  /** Levels were raised in ascending order: detected_at grows with the level. */
  private static boolean detectedInOrder(Lake lake) throws Exception {
    List<String[]> rows = LakeContent.rows(lake, LakeTable.USAGE_THRESHOLDS, "level_pct", "detected_at").stream()
        .map(r -> r.split("\\|")).sorted(java.util.Comparator.comparingInt(r -> Integer.parseInt(r[0]))).toList();
    for (int i = 1; i < rows.size(); i++) {
      if (java.time.OffsetDateTime.parse(rows.get(i)[1]).isBefore(java.time.OffsetDateTime.parse(rows.get(i - 1)[1]))) {
        return false;
      }
    }
    return rows.size() == 4;
  }

  private static List<String> await(Lake lake, int count, RunningJob job) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    List<String> r = rows(lake);
    while (r.size() < count) {
      assertThat(job.ended()).as("the job ended: %s", job.failure()).isFalse();
      assertThat(System.nanoTime()).as("thresholds did not arrive: %s", r).isLessThan(deadline);
      Thread.sleep(500);
      r = rows(lake);
    }
    Thread.sleep(3000); // a few more checkpoints: nothing more may arrive
    return rows(lake);
  }
}
