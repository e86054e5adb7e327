package dev.leakproof.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.lake.LakeTable;
import dev.leakproof.schemas.events.EventFiles;
import dev.leakproof.schemas.events.ReferenceData;
import dev.leakproof.schemas.tables.DatasetReader;
import dev.leakproof.schemas.tables.SourceData;
import dev.leakproof.schemas.tables.SourceTable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleIngestionIT {

  static final Path SAMPLE = Path.of("../../shared/sample-dataset").toAbsolutePath().normalize();

  @TempDir Path work;

  @Test
  void sampleDatasetHygieneCountsMatchTheExpectedCapture() throws Exception {
    SourceData sources = new DatasetReader(SAMPLE).read();
    ReferenceData reference = new ReferenceData(
        sources.distinct(SourceTable.WORKSPACES, "workspace_id"),
        sources.distinct(SourceTable.PRICE_BOOK, "metric"),
        LocalDate.of(2026, 6, 15));
    IngestionConfig config = IngestionConfig.defaults(
        EventFiles.find(SAMPLE, EventStream.USAGE), EventFiles.find(SAMPLE, EventStream.SEATS), reference, work);
    IngestionJob job = new IngestionJob(config);
    job.runLocal(n -> {});
    Lake lake = job.lake();

    assertThat(count(lake, LakeTable.USAGE_EVENTS)).isEqualTo(13169);
    assertThat(count(lake, LakeTable.SEAT_EVENTS)).isEqualTo(3011);
    Map<String, Long> duplicates = groupCount(lake, LakeTable.EVENT_DUPLICATES, "event_stream");
    assertThat(duplicates).containsEntry("usage", 131L).containsEntry("seats", 29L);
    Map<String, Long> reasons = groupCount(lake, LakeTable.EVENT_QUARANTINE, "reason");
    assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(
        "correction_mismatch", 3L, "duplicate_conflict", 14L, "future_timestamp", 6L, "invalid_quantity", 12L,
        "invalid_timestamp", 6L, "malformed_json", 6L, "missing_field", 6L, "orphan_correction", 1L,
        "unknown_metric", 6L, "unknown_workspace", 6L));
  }

  static long count(Lake lake, LakeTable table) throws Exception {
    long n = 0;
    try (CloseableIterable<Record> rows = IcebergGenerics.read(lake.load(table)).build()) {
      for (Record ignored : rows) {
        n++;
      }
    }
    return n;
  }

  static Map<String, Long> groupCount(Lake lake, LakeTable table, String column) throws Exception {
    Map<String, Long> counts = new TreeMap<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(lake.load(table)).build()) {
      for (Record r : rows) {
        counts.merge(String.valueOf(r.getField(column)), 1L, Long::sum);
      }
    }
    return counts;
  }
}
