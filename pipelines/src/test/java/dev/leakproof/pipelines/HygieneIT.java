package dev.leakproof.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.lake.LakeTable;
import dev.leakproof.schemas.events.EventFiles;
import dev.leakproof.schemas.events.ReferenceData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every hygiene rule of spec section 2 on hand-made event files, through the real Flink job on a
 * MiniCluster into the Iceberg lake, at parallelism 1 and 2 (the outcome must not depend on it).
 */
class HygieneIT {

  static final String OK = "\"workspace_id\": \"ws-1\", \"metric\": \"api_calls\", \"quantity\": 10, ";

  @TempDir Path dir;

  static String usage(String id, String rest) {
    return "{\"event_id\": \"" + id + "\", " + rest + "}";
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void appliesEveryRuleInArrivalOrder(int parallelism) throws Exception {
    Files.write(dir.resolve("usage_events_001.jsonl"), List.of(
        // 1: an offset timestamp that lands in the next UTC month
        usage("ev-1", OK + "\"occurred_at\": \"2026-03-31T20:00:00-08:00\", \"received_at\": \"2026-04-01T04:00:05Z\""),
        // 2: not a number; 3: the same line again is a duplicate of a quarantined line
        usage("ev-2", "\"workspace_id\": \"ws-1\", \"metric\": \"api_calls\", \"quantity\": \"12\", \"occurred_at\": \"2026-01-15T10:00:00Z\""),
        usage("ev-2", "\"workspace_id\": \"ws-1\", \"metric\": \"api_calls\", \"quantity\": \"12\", \"occurred_at\": \"2026-01-15T10:00:00Z\""),
        // 4: same id, other content: conflict; 5: same content, other received_at: duplicate
        usage("ev-1", OK.replace("10", "11") + "\"occurred_at\": \"2026-03-31T20:00:00-08:00\""),
        usage("ev-1", OK + "\"occurred_at\": \"2026-03-31T20:00:00-08:00\", \"received_at\": \"2026-04-02T00:00:00Z\""),
        // 6: a correction arriving before its original is an orphan; 7: the original
        usage("ev-c1", OK + "\"occurred_at\": \"2026-02-01T00:00:00Z\", \"corrects_event_id\": \"ev-9\""),
        usage("ev-9", OK + "\"occurred_at\": \"2026-02-01T00:00:00Z\""),
        // 8: a correction with another metric; 9: a valid correction
        usage("ev-c2", "\"workspace_id\": \"ws-1\", \"metric\": \"emails_sent\", \"quantity\": 5, \"occurred_at\": \"2026-02-01T00:00:00Z\", \"corrects_event_id\": \"ev-9\""),
        usage("ev-c3", OK.replace("10", "7") + "\"occurred_at\": \"2026-02-01T00:00:00Z\", \"corrects_event_id\": \"ev-9\""),
        // 10, 11: not an object, and a missing workspace
        "{\"event_id\": \"ev-m\", \"workspace_id\": ",
        usage("ev-w", "\"metric\": \"api_calls\", \"quantity\": 1, \"occurred_at\": \"2026-01-15T10:00:00Z\""),
        // 12: more than a day after the as-of date; 13: one day after is fine
        usage("ev-f", OK + "\"occurred_at\": \"2026-06-17T00:00:00Z\""),
        usage("ev-g", OK + "\"occurred_at\": \"2026-06-16T23:59:59Z\""),
        // 14, 15: unknown workspace and metric; 16: no offset
        usage("ev-u", "\"workspace_id\": \"ws-x\", \"metric\": \"api_calls\", \"quantity\": 1, \"occurred_at\": \"2026-01-15T10:00:00Z\""),
        usage("ev-v", "\"workspace_id\": \"ws-1\", \"metric\": \"video\", \"quantity\": 1, \"occurred_at\": \"2026-01-15T10:00:00Z\""),
        usage("ev-t", OK + "\"occurred_at\": \"2026-01-15T10:00:00\"")));
    Files.write(dir.resolve("usage_events_002.jsonl"), List.of(
        // the next file arrives later: a duplicate across files, a second valid correction
        usage("ev-1", OK + "\"occurred_at\": \"2026-03-31T20:00:00-08:00\""),
        usage("ev-c4", OK.replace("10", "8") + "\"occurred_at\": \"2026-02-02T00:00:00Z\", \"corrects_event_id\": \"ev-9\""),
        // a correction of a correction is an orphan: only originals can be corrected
        usage("ev-c5", OK + "\"occurred_at\": \"2026-02-02T00:00:00Z\", \"corrects_event_id\": \"ev-c3\"")));
    Files.write(dir.resolve("seat_events_001.jsonl"), List.of(
        "{\"event_id\": \"se-1\", \"workspace_id\": \"ws-1\", \"user_id\": \"u1\", \"action\": \"added\", \"occurred_at\": \"2026-01-02T09:00:00Z\"}",
        "{\"event_id\": \"se-2\", \"workspace_id\": \"ws-1\", \"user_id\": \"u2\", \"action\": \"suspended\", \"occurred_at\": \"2026-01-02T09:00:00Z\"}",
        "{\"event_id\": \"se-1\", \"workspace_id\": \"ws-1\", \"user_id\": \"u1\", \"action\": \"added\", \"occurred_at\": \"2026-01-02T09:00:00Z\", \"received_at\": \"2026-01-03T00:00:00Z\"}",
        "{\"event_id\": \"se-3\", \"workspace_id\": \"ws-1\", \"user_id\": \"u1\", \"action\": \"removed\", \"occurred_at\": \"2026-02-02T09:00:00+01:00\", \"corrects_event_id\": \"se-1\"}"));

    ReferenceData reference = new ReferenceData(Set.of("ws-1"), Set.of("api_calls", "emails_sent"),
        LocalDate.of(2026, 6, 15));
    IngestionConfig config = new IngestionConfig(EventFiles.find(dir, EventStream.USAGE),
        EventFiles.find(dir, EventStream.SEATS), reference, dir.resolve("lake"), parallelism, Duration.ZERO,
        dir.resolve("checkpoints"));
    IngestionJob job = new IngestionJob(config);
    job.runLocal(n -> { });
    Lake lake = job.lake();

    assertThat(rows(lake, LakeTable.USAGE_EVENTS, "event_id", "occurred_date", "corrects_event_id", "line_no"))
        .containsExactly(
            "ev-1 2026-04-01 null 1",
            "ev-9 2026-02-01 null 7",
            "ev-c3 2026-02-01 ev-9 9",
            "ev-c4 2026-02-02 ev-9 2",
            "ev-g 2026-06-16 null 13");
    assertThat(rows(lake, LakeTable.EVENT_QUARANTINE, "source_file", "line_no", "reason")).containsExactly(
        "seat_events_001.jsonl 2 invalid_action",
        "usage_events_001.jsonl 10 malformed_json",
        "usage_events_001.jsonl 11 missing_field",
        "usage_events_001.jsonl 12 future_timestamp",
        "usage_events_001.jsonl 14 unknown_workspace",
        "usage_events_001.jsonl 15 unknown_metric",
        "usage_events_001.jsonl 16 invalid_timestamp",
        "usage_events_001.jsonl 2 invalid_quantity",
        "usage_events_001.jsonl 4 duplicate_conflict",
        "usage_events_001.jsonl 6 orphan_correction",
        "usage_events_001.jsonl 8 correction_mismatch",
        "usage_events_002.jsonl 3 orphan_correction");
    assertThat(rows(lake, LakeTable.EVENT_DUPLICATES, "event_stream", "source_file", "line_no", "event_id")).containsExactly(
        "seats seat_events_001.jsonl 3 se-1",
        "usage usage_events_001.jsonl 3 ev-2",
        "usage usage_events_001.jsonl 5 ev-1",
        "usage usage_events_002.jsonl 1 ev-1");
    assertThat(rows(lake, LakeTable.SEAT_EVENTS, "event_id", "action", "occurred_date")).containsExactly(
        "se-1 added 2026-01-02", "se-3 removed 2026-02-02");
    // the quarantine keeps each line's raw text
    assertThat(rows(lake, LakeTable.EVENT_QUARANTINE, "line_no", "raw")).contains("10 {\"event_id\": \"ev-m\", \"workspace_id\": ");
  }

  static List<String> rows(Lake lake, LakeTable table, String... columns) throws Exception {
    List<String> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(lake.load(table)).build()) {
      for (Record r : records) {
        List<String> values = new ArrayList<>();
        for (String c : columns) {
          values.add(String.valueOf(r.getField(c)));
        }
        rows.add(String.join(" ", values));
      }
    }
    rows.sort(null);
    return rows;
  }

}
