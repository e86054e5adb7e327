package dev.leakproof.pipelines.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.io.DataWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metering lag from known received_at instants and the commit's own time: exact nearest-rank
 * percentiles per hour, stream and source; events of files (no collected_at) left out; each
 * completed hour recorded in the lake once.
 */
class MeteringLagTest {

  @TempDir Path dir;

  @Test
  void lagIsTheCommitTimeLessReceivedAtWithExactPercentilesRecordedOncePerHour() throws Exception {
    Lake lake = new Lake(dir.resolve("lake"));
    Table usage = lake.ensure(LakeTable.USAGE_EVENTS);
    Instant base = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
    DataWriter<Record> writer = writer(usage);
    try (writer) {
      for (int i = 1; i <= 100; i++) {
        writer.write(row(usage, "e" + i, base.minusSeconds(i), true, "usage_events-0"));
      }
      writer.write(row(usage, "from-file", base.minusSeconds(86_400), false, "usage_events-0"));
      writer.write(row(usage, "other-partition", base.minusMillis(250), true, "usage_events-1"));
    }
    DataFile file = writer.toDataFile();
    usage.newAppend().appendFile(file).commit();
    usage.refresh();
    long committed = usage.currentSnapshot().timestampMillis();
    long offset = committed - base.toEpochMilli();
    Instant hour = Instant.ofEpochMilli(committed).truncatedTo(ChronoUnit.HOURS);

    MeteringLag lag = new MeteringLag(lake);
    List<MeteringLag.HourLag> figures = lag.between(hour, hour.plus(1, ChronoUnit.HOURS));
    assertThat(figures).containsExactly(
        new MeteringLag.HourLag(hour, "usage", "usage_events-0", 100, offset + 50_000, offset + 95_000,
            offset + 99_000, offset + 100_000),
        new MeteringLag.HourLag(hour, "usage", "usage_events-1", 1, offset + 250, offset + 250, offset + 250,
            offset + 250));

    assertThat(lag.recordCompletedHours(hour.plus(30, ChronoUnit.MINUTES))).isEmpty();
    assertThat(lag.recordCompletedHours(hour.plus(61, ChronoUnit.MINUTES))).isEqualTo(figures);
    assertThat(new MeteringLag(lake).recordCompletedHours(hour.plus(62, ChronoUnit.MINUTES))).isEmpty();
    assertThat(rows(lake)).containsExactly(
        hour.atOffset(ZoneOffset.UTC) + "|usage|usage_events-0|100|" + (offset + 99_000) + "|",
        hour.atOffset(ZoneOffset.UTC) + "|usage|usage_events-1|1|" + (offset + 250) + "|");
  }

  private static List<String> rows(Lake lake) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    try (var rows = org.apache.iceberg.data.IcebergGenerics.read(lake.load(LakeTable.METERING_LAG)).build()) {
      for (Record r : rows) {
        out.add(((OffsetDateTime) r.getField("commit_hour")).withOffsetSameInstant(ZoneOffset.UTC) + "|"
            + r.getField("event_stream") + "|" + r.getField("source") + "|" + r.getField("events") + "|"
            + r.getField("p99_ms") + "|");
      }
    }
    java.util.Collections.sort(out);
    return out;
  }

  private static DataWriter<Record> writer(Table t) {
    return new GenericAppenderFactory(t.schema(), t.spec()).newDataWriter(EncryptedFiles.plainAsEncryptedOutput(
        t.io().newOutputFile(t.locationProvider().newDataLocation(t.spec(), partition(t), "test.parquet"))),
        FileFormat.PARQUET, partition(t));
  }

  private static org.apache.iceberg.PartitionKey partition(Table t) {
    org.apache.iceberg.PartitionKey key = new org.apache.iceberg.PartitionKey(t.spec(), t.schema());
    GenericRecord r = GenericRecord.create(t.schema());
    r.setField("occurred_at", OffsetDateTime.of(2026, 6, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    key.partition(new org.apache.iceberg.data.InternalRecordWrapper(t.schema().asStruct()).wrap(r));
    return key;
  }

  private static Record row(Table t, String id, Instant received, boolean collected, String source) {
    GenericRecord r = GenericRecord.create(t.schema());
    r.setField("event_id", id);
    r.setField("workspace_id", "ws-1");
    r.setField("metric", "api_calls");
    r.setField("quantity", new BigDecimal("1.000000000000"));
    r.setField("occurred_at", OffsetDateTime.of(2026, 6, 1, 10, 0, 0, 0, ZoneOffset.UTC));
    r.setField("occurred_date", LocalDate.of(2026, 6, 1));
    r.setField("received_at", received.atOffset(ZoneOffset.UTC));
    r.setField("source_file", source);
    r.setField("line_no", 1L);
    r.setField("arrival_seq", 1L);
    r.setField("collected_at", collected ? received.atOffset(ZoneOffset.UTC) : null);
    return r;
  }
}
