package dev.leakproof.pipelines.lake;

import dev.leakproof.pipelines.thresholds.ThresholdCrossing;
import dev.leakproof.pipelines.hygiene.DuplicateLine;
import dev.leakproof.pipelines.hygiene.QuarantinedLine;
import dev.leakproof.pipelines.hygiene.EventRecord;
import dev.leakproof.schemas.events.EventLineDecoder;
import dev.leakproof.pipelines.source.SourceNames;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.iceberg.flink.FlinkSchemaUtil;

/** Converts the hygiene operators' records into rows of the lake tables. */
public final class LakeRows {

  private LakeRows() {}

  /** Flink's type information for rows of the table. */
  public static TypeInformation<RowData> typeOf(LakeTable table) {
    return InternalTypeInfo.of(FlinkSchemaUtil.convert(table.schema()));
  }

  /** Accepted usage events, corrections included. */
  public static final class Usage implements MapFunction<EventRecord, RowData> {
    private static final long serialVersionUID = 1L;
    private final SourceNames sources;

    public Usage(SourceNames sources) {
      this.sources = sources;
    }

    @Override
    public RowData map(EventRecord e) {
      return GenericRowData.of(str(e.eventId()), str(e.workspaceId()), str(e.metric()),
          DecimalData.fromBigDecimal(e.quantity(), 38, EventLineDecoder.QUANTITY_SCALE),
          ts(e.occurredAtMicros()), date(e.occurredAtMicros()), ts(e.receivedAtMicros()), str(e.correctsEventId()),
          str(sources.name(e.sourceIndex())), e.lineNo(), e.seq(), ts(e.collectedAtMicros()));
    }
  }

  /** Accepted seat events. */
  public static final class Seats implements MapFunction<EventRecord, RowData> {
    private static final long serialVersionUID = 1L;
    private final SourceNames sources;

    public Seats(SourceNames sources) {
      this.sources = sources;
    }

    @Override
    public RowData map(EventRecord e) {
      return GenericRowData.of(str(e.eventId()), str(e.workspaceId()), str(e.userId()), str(e.action()),
          ts(e.occurredAtMicros()), date(e.occurredAtMicros()), ts(e.receivedAtMicros()),
          str(sources.name(e.sourceIndex())), e.lineNo(), e.seq(), ts(e.collectedAtMicros()));
    }
  }

  /** Quarantined lines of both streams. */
  public static final class Quarantine implements MapFunction<QuarantinedLine, RowData> {
    private static final long serialVersionUID = 1L;

    @Override
    public RowData map(QuarantinedLine q) {
      return GenericRowData.of(str(q.stream().key()), str(q.sourceFile()), q.lineNo(), q.seq(),
          str(q.reason().code()), str(q.eventId()), str(q.raw()));
    }
  }

  /** Dropped duplicates of both streams. */
  public static final class Duplicates implements MapFunction<DuplicateLine, RowData> {
    private static final long serialVersionUID = 1L;

    @Override
    public RowData map(DuplicateLine d) {
      return GenericRowData.of(str(d.stream().key()), str(d.sourceFile()), d.lineNo(), d.seq(), str(d.eventId()),
          d.firstSeq());
    }
  }

  /** Threshold events. */
  public static final class Thresholds implements MapFunction<ThresholdCrossing, RowData> {
    private static final long serialVersionUID = 1L;

    @Override
    public RowData map(ThresholdCrossing t) {
      return GenericRowData.of(str(t.accountId()), str(t.metric()), (int) t.monthStartEpochDay(), t.levelPct(),
          dec(t.usage()), dec(t.includedUnits()), str(t.contractId()), str(t.planId()), t.priceVersion(),
          dec(t.overageUnitPrice()), str(t.currency()), str(t.eventId()), ts(t.receivedAtMicros()),
          ts(t.collectedAtMicros()), ts(t.detectedAtMicros()), str(t.accountName()), str(t.csmEmail()));
    }
  }

  /** A decimal at the lake's scale of 12 (price book and usage values have fewer places). */
  private static DecimalData dec(java.math.BigDecimal v) {
    return v == null ? null
        : DecimalData.fromBigDecimal(v.setScale(EventLineDecoder.QUANTITY_SCALE, java.math.RoundingMode.HALF_EVEN),
            38, EventLineDecoder.QUANTITY_SCALE);
  }

  private static StringData str(String s) {
    return s == null ? null : StringData.fromString(s);
  }

  private static TimestampData ts(long micros) {
    return micros == EventRecord.NO_TIME ? null
        : TimestampData.fromEpochMillis(Math.floorDiv(micros, 1000L), (int) Math.floorMod(micros, 1000L) * 1000);
  }

  private static int date(long micros) {
    return (int) Math.floorDiv(micros, 86_400_000_000L);
  }
}
