package dev.leakproof.pipelines.testutils;

import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.lake.LakeTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * What a lake holds, as sorted lists of rows without the columns that say where and when a line
 * arrived (source, line, sequence, collected_at, received_at): two lakes fed the same events by
 * different paths (files, the topics, several runs) must hold the same content.
 */
public record LakeContent(List<String> usage, List<String> seats, List<String> quarantine, List<String> duplicates) {

  public static LakeContent of(Lake lake) throws Exception {
    return new LakeContent(
        rows(lake, LakeTable.USAGE_EVENTS, "event_id", "workspace_id", "metric", "quantity", "occurred_at",
            "corrects_event_id"),
        rows(lake, LakeTable.SEAT_EVENTS, "event_id", "workspace_id", "user_id", "action", "occurred_at"),
        rows(lake, LakeTable.EVENT_QUARANTINE, "event_stream", "reason", "event_id", "raw"),
        rows(lake, LakeTable.EVENT_DUPLICATES, "event_stream", "event_id"));
  }

  /** Row counts per table. */
  public Map<String, Integer> counts() {
    Map<String, Integer> m = new TreeMap<>();
    m.put("usage", usage.size());
    m.put("seats", seats.size());
    m.put("quarantine", quarantine.size());
    m.put("duplicates", duplicates.size());
    return m;
  }

  public static List<String> rows(Lake lake, LakeTable table, String... columns) throws Exception {
    List<String> out = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(lake.load(table)).build()) {
      for (Record r : rows) {
        StringBuilder b = new StringBuilder();
        for (String c : columns) {
          b.append(r.getField(c)).append('|');
        }
        out.add(b.toString());
      }
    }
    Collections.sort(out);
    return out;
  }
}
