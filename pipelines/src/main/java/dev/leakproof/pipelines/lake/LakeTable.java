package dev.leakproof.pipelines.lake;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import dev.leakproof.schemas.tables.ColumnSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The Iceberg tables the ingestion writes: accepted usage and seat events (corrections included,
 * with their arrival order), quarantined lines, and dropped duplicates. Event tables are
 * partitioned by the month of occurred_at (UTC), the grain every leak rule works in.
 */
public enum LakeTable {
  USAGE_EVENTS("usage_events", new Schema(
      required(1, "event_id", Types.StringType.get()),
      required(2, "workspace_id", Types.StringType.get()),
      required(3, "metric", Types.StringType.get()),
      required(4, "quantity", Types.DecimalType.of(38, 12)),
      required(5, "occurred_at", Types.TimestampType.withZone()),
      required(6, "occurred_date", Types.DateType.get()),
      optional(7, "received_at", Types.TimestampType.withZone()),
      optional(8, "corrects_event_id", Types.StringType.get()),
      required(9, "source_file", Types.StringType.get()),
      required(10, "line_no", Types.LongType.get()),
      required(11, "arrival_seq", Types.LongType.get()),
      optional(12, "collected_at", Types.TimestampType.withZone()))),
  SEAT_EVENTS("seat_events", new Schema(
      required(1, "event_id", Types.StringType.get()),
      required(2, "workspace_id", Types.StringType.get()),
      required(3, "user_id", Types.StringType.get()),
      required(4, "action", Types.StringType.get()),
      required(5, "occurred_at", Types.TimestampType.withZone()),
      required(6, "occurred_date", Types.DateType.get()),
      optional(7, "received_at", Types.TimestampType.withZone()),
      required(8, "source_file", Types.StringType.get()),
      required(9, "line_no", Types.LongType.get()),
      required(10, "arrival_seq", Types.LongType.get()),
      optional(11, "collected_at", Types.TimestampType.withZone()))),
  EVENT_QUARANTINE("event_quarantine", new Schema(
      required(1, "event_stream", Types.StringType.get()),
      required(2, "source_file", Types.StringType.get()),
      required(3, "line_no", Types.LongType.get()),
      required(4, "arrival_seq", Types.LongType.get()),
      required(5, "reason", Types.StringType.get()),
      optional(6, "event_id", Types.StringType.get()),
      required(7, "raw", Types.StringType.get()))),
  EVENT_DUPLICATES("event_duplicates", new Schema(
      required(1, "event_stream", Types.StringType.get()),
      required(2, "source_file", Types.StringType.get()),
      required(3, "line_no", Types.LongType.get()),
      required(4, "arrival_seq", Types.LongType.get()),
      required(5, "event_id", Types.StringType.get()),
      required(6, "first_arrival_seq", Types.LongType.get()))),
  /** Threshold events: the first time a month's usage reached a level of its plan limit. */
  USAGE_THRESHOLDS("usage_thresholds", new Schema(
      required(1, "account_id", Types.StringType.get()),
      required(2, "metric", Types.StringType.get()),
      required(3, "usage_month", Types.DateType.get()),
      required(4, "level_pct", Types.IntegerType.get()),
      required(5, "usage_quantity", Types.DecimalType.of(38, 12)),
      required(6, "included_units", Types.DecimalType.of(38, 12)),
      optional(7, "contract_id", Types.StringType.get()),
      optional(8, "plan_id", Types.StringType.get()),
      optional(9, "price_version", Types.IntegerType.get()),
      optional(10, "overage_unit_price", Types.DecimalType.of(38, 12)),
      optional(11, "currency", Types.StringType.get()),
      required(12, "event_id", Types.StringType.get()),
      optional(13, "received_at", Types.TimestampType.withZone()),
      optional(14, "collected_at", Types.TimestampType.withZone()),
      required(15, "detected_at", Types.TimestampType.withZone()),
      optional(16, "account_name", Types.StringType.get()),
      optional(17, "csm_email", Types.StringType.get()))),
  /**
   * Metering lag per hour of commit, event stream and source: received_at to the commit that
   * brought the event into the lake, for events that came through the collector.
   */
  METERING_LAG("metering_lag", new Schema(
      required(1, "commit_hour", Types.TimestampType.withZone()),
      required(2, "event_stream", Types.StringType.get()),
      required(3, "source", Types.StringType.get()),
      required(4, "events", Types.LongType.get()),
      required(5, "p50_ms", Types.LongType.get()),
      required(6, "p95_ms", Types.LongType.get()),
      required(7, "p99_ms", Types.LongType.get()),
      required(8, "max_ms", Types.LongType.get()),
      required(9, "computed_at", Types.TimestampType.withZone())));

  /** The lake namespace all Leakproof tables live in. */
  public static final Namespace NAMESPACE = Namespace.of("leakproof");

  private final String tableName;
  private final Schema schema;

  LakeTable(String tableName, Schema schema) {
    this.tableName = tableName;
    this.schema = schema;
  }

  public String tableName() {
    return tableName;
  }

  public Schema schema() {
    return schema;
  }

  public TableIdentifier identifier() {
    return TableIdentifier.of(NAMESPACE, tableName);
  }

  /** The table's columns as the warehouse loads them (timestamps become UTC TIMESTAMPs). */
  public List<ColumnSpec> warehouseColumns() {
    List<ColumnSpec> columns = new ArrayList<>();
    for (Types.NestedField field : schema.columns()) {
      columns.add(new ColumnSpec(field.name(), sqlType(field.type())));
    }
    return columns;
  }

  private static String sqlType(Type type) {
    return switch (type.typeId()) {
      case STRING -> "VARCHAR";
      case LONG -> "BIGINT";
      case INTEGER -> "INTEGER";
      case DATE -> "DATE";
      case TIMESTAMP -> "TIMESTAMP";
      case BOOLEAN -> "BOOLEAN";
      case DECIMAL -> {
        Types.DecimalType d = (Types.DecimalType) type;
        yield "DECIMAL(" + d.precision() + "," + d.scale() + ")";
      }
      default -> throw new IllegalArgumentException("Cannot map lake type " + type + " to a warehouse type");
    };
  }

  public PartitionSpec partitionSpec() {
    if (this == USAGE_EVENTS || this == SEAT_EVENTS) {
      return PartitionSpec.builderFor(schema).month("occurred_at").build();
    }
    return PartitionSpec.unpartitioned();
  }
}
