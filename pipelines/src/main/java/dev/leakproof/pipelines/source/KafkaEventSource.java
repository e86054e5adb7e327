package dev.leakproof.pipelines.source;

import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.kafka.EventHeaders;
import dev.leakproof.pipelines.kafka.KafkaSettings;
import dev.leakproof.schemas.events.EventLine;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The continuous job's source of one stream: the event topic read with flink-connector-kafka,
 * committed records only (the collector writes in transactions), from the offsets in the job's
 * checkpoint, else the group's committed offsets, else the start of the topic. Each record
 * becomes an {@link EventLine} named {@code kafka:<topic>/<partition>}, line = offset + 1, with
 * the collector's arrival sequence and instant.
 */
public final class KafkaEventSource {

  /** The consumer group whose committed offsets show the job's progress (lag) outside Flink. */
  public static final String GROUP_ID = "leakproof-stream";

  private KafkaEventSource() {}

  public static KafkaSource<EventLine> of(KafkaSettings settings, EventStream stream) {
    Properties p = settings.clientProperties();
    p.setProperty("isolation.level", "read_committed");
    p.setProperty("partition.discovery.interval.ms", "10000");
    p.setProperty("client.id.prefix", "leakproof-stream-" + stream.key());
    p.setProperty("commit.offsets.on.checkpoint", "true");
    return KafkaSource.<EventLine>builder()
        .setProperties(p)
        .setTopics(settings.topic(stream))
        .setGroupId(GROUP_ID)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(
            org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
        .setDeserializer(new Deserializer(stream))
        .build();
  }

  /** A record to an {@link EventLine}; a record without the collector's headers is ordered by its timestamp. */
  static final class Deserializer implements KafkaRecordDeserializationSchema<EventLine> {
    private static final long serialVersionUID = 1L;
    /** Replica id given to records that did not come through a collector. */
    static final int EXTERNAL_REPLICA = EventHeaders.MAX_REPLICAS - 1;

    private final EventStream stream;

    Deserializer(EventStream stream) {
      this.stream = stream;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<EventLine> out) {
      long timestampMicros = r.timestamp() * 1000L + Math.floorMod(r.offset(), 1000L);
      long seq = EventHeaders.longHeader(r.headers(), EventHeaders.SEQ,
          EventHeaders.sequence(timestampMicros, EXTERNAL_REPLICA));
      long collected = EventHeaders.longHeader(r.headers(), EventHeaders.COLLECTED_AT, r.timestamp() * 1000L);
      if (r.headers().lastHeader(EventHeaders.HEARTBEAT) != null) {
        out.collect(EventLine.heartbeat(stream, "kafka:" + r.topic() + "/" + r.partition(), seq, r.partition()));
        return;
      }
      String text = r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
      out.collect(new EventLine(stream, "kafka:" + r.topic() + "/" + r.partition(), r.offset() + 1, seq, text,
          r.partition(), collected));
    }

    @Override
    public TypeInformation<EventLine> getProducedType() {
      return TypeInformation.of(EventLine.class);
    }
  }
}
