package dev.leakproof.pipelines.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;

/**
 * Metering lag: how long an event took from received_at to the lake commit that made it
 * readable, per hour of commit, event stream and source (the file, or the topic partition it was
 * read from), for events that came through the collector (a file's received_at says when the
 * product received it, not when Leakproof did). Percentiles are exact (nearest rank over every
 * event of the hour). Completed hours are kept in the lake's metering_lag table, each once.
 */
public final class MeteringLag {

  /** One hour's figures. */
  public record HourLag(Instant hour, String stream, String source, long events, long p50Ms, long p95Ms, long p99Ms,
      long maxMs) {}

  private static final List<LakeTable> EVENT_TABLES = List.of(LakeTable.USAGE_EVENTS, LakeTable.SEAT_EVENTS);

  private final Lake lake;
  private Instant recordedThrough;

  public MeteringLag(Lake lake) {
    this.lake = lake;
  }

  /** The figures of the commits made in {@code [from, to)}, by commit hour, stream and source. */
  public List<HourLag> between(Instant from, Instant to) {
    Map<String, List<Long>> lags = new TreeMap<>();
    org.apache.iceberg.catalog.Catalog catalog = lake.catalogLoader().loadCatalog();
    for (LakeTable table : EVENT_TABLES) {
      if (!catalog.tableExists(table.identifier())) {
        continue;
      }
      Table t = catalog.loadTable(table.identifier());
      String stream = table == LakeTable.USAGE_EVENTS ? "usage" : "seats";
      for (Snapshot s : t.snapshots()) {
        Instant committed = Instant.ofEpochMilli(s.timestampMillis());
        if (!DataOperations.APPEND.equals(s.operation()) || committed.isBefore(from) || !committed.isBefore(to)) {
          continue;
        }
        Instant hour = committed.truncatedTo(ChronoUnit.HOURS);
        IcebergGenerics.ScanBuilder scan = IcebergGenerics.read(t).select("received_at", "collected_at", "source_file");
        scan = s.parentId() == null ? scan.useSnapshot(s.snapshotId()) : scan.appendsBetween(s.parentId(), s.snapshotId());
        try (CloseableIterable<Record> rows = scan.build()) {
          for (Record r : rows) {
            OffsetDateTime received = (OffsetDateTime) r.getField("received_at");
            if (r.getField("collected_at") == null || received == null) {
              continue;
            }
            long lag = s.timestampMillis() - received.toInstant().toEpochMilli();
            lags.computeIfAbsent(hour + "|" + stream + "|" + r.getField("source_file"), k -> new ArrayList<>())
                .add(Math.max(0, lag));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    List<HourLag> out = new ArrayList<>();
    lags.forEach((key, values) -> {
      String[] k = key.split("\\|", 3);
      out.add(figures(Instant.parse(k[0]), k[1], k[2], values));
    });
    return out;
  }

  /** Nearest-rank percentiles of the lags (milliseconds). */
  static HourLag figures(Instant hour, String stream, String source, List<Long> lags) {
    long[] sorted = lags.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return new HourLag(hour, stream, source, sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
        sorted[sorted.length - 1]);
  }

  /** The nearest-rank {@code pct}th percentile of ascending, non-empty values. */
  public static long rank(long[] sorted, int pct) {
    int index = (int) Math.ceil(pct / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /**
   * Appends to the metering_lag table the hours that ended by {@code now} and are not there yet
   * (from the hour after the last recorded one), in one commit.
   *
   * @return the hours appended
   */
  public synchronized List<HourLag> recordCompletedHours(Instant now) {
    Table table = lake.ensure(LakeTable.METERING_LAG);
    if (recordedThrough == null) {
      recordedThrough = lastRecordedHourEnd(table);
    }
    Instant end = now.truncatedTo(ChronoUnit.HOURS);
    if (!end.isAfter(recordedThrough)) {
      return List.of();
    }
    List<HourLag> hours = between(recordedThrough, end);
    if (!hours.isEmpty()) {
      append(table, hours, now);
    }
    recordedThrough = end;
    return hours;
  }

  private Instant lastRecordedHourEnd(Table table) {
    Instant last = Instant.EPOCH;
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).select("commit_hour").build()) {
      for (Record r : rows) {
        Instant hour = ((OffsetDateTime) r.getField("commit_hour")).toInstant().plus(1, ChronoUnit.HOURS);
        if (hour.isAfter(last)) {
          last = hour;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return last;
  }

  private static void append(Table table, List<HourLag> hours, Instant now) {
    OutputFile file = table.io().newOutputFile(table.locationProvider()
        .newDataLocation("lag-" + now.toEpochMilli() + "-" + java.util.UUID.randomUUID() + ".parquet"));
    DataWriter<Record> writer = new GenericAppenderFactory(table.schema(), table.spec())
        .newDataWriter(org.apache.iceberg.encryption.EncryptedFiles.plainAsEncryptedOutput(file), FileFormat.PARQUET,
            null);
    try (writer) {
      for (HourLag h : hours) {
        GenericRecord r = GenericRecord.create(table.schema());
        r.setField("commit_hour", h.hour().atOffset(ZoneOffset.UTC));
        r.setField("event_stream", h.stream());
        r.setField("source", h.source());
        r.setField("events", h.events());
        r.setField("p50_ms", h.p50Ms());
        r.setField("p95_ms", h.p95Ms());
        r.setField("p99_ms", h.p99Ms());
        r.setField("max_ms", h.maxMs());
        r.setField("computed_at", now.atOffset(ZoneOffset.UTC));
        writer.write(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DataFile data = writer.toDataFile();
    table.newAppend().appendFile(data).commit();
  }
}
