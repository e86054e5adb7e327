package dev.leakproof.pipelines.collector;

import dev.leakproof.pipelines.kafka.EventHeaders;
import dev.leakproof.pipelines.kafka.KafkaSettings;
import java.time.Clock;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the records of the {@link EventHeaders} contract in send order: the event's topic, key
 * and exact bytes, and the headers {@code lp-seq} (strictly increasing: the microseconds taken are
 * {@code max(now, last + 1)}), {@code lp-collected-at}, {@code lp-source}, {@code lp-request} and
 * {@code lp-index}. Not thread-safe: the writer thread owns it.
 */
final class EventRecords {

  private final KafkaSettings settings;
  private final int replicaId;
  private final Clock clock;
  private long lastMicros;

  EventRecords(KafkaSettings settings, int replicaId, Clock clock) {
    this.settings = settings;
    this.replicaId = replicaId;
    this.clock = clock;
  }

  /** The record of an event, stamped now. */
  ProducerRecord<byte[], byte[]> record(CollectedRequest request, CollectedEvent e) {
    long micros = next();
    RecordHeaders headers = new RecordHeaders();
    headers.add(EventHeaders.SEQ, EventHeaders.longBytes(EventHeaders.sequence(micros, replicaId)));
    headers.add(EventHeaders.COLLECTED_AT, EventHeaders.longBytes(micros));
    headers.add(EventHeaders.SOURCE, EventHeaders.utf8(request.source()));
    headers.add(EventHeaders.REQUEST, EventHeaders.utf8(request.requestId()));
    headers.add(EventHeaders.INDEX, EventHeaders.intBytes(e.index()));
    return new ProducerRecord<>(settings.topic(e.stream()), null, micros / 1000,
        e.key() == null ? null : EventHeaders.utf8(e.key()), e.value(), headers);
  }

  /**
   * A heartbeat for one partition, stamped now in the same sequence as the events: an empty
   * value and the {@code lp-heartbeat} header.
   */
  ProducerRecord<byte[], byte[]> heartbeat(String topic, int partition) {
    long micros = next();
    RecordHeaders headers = new RecordHeaders();
    headers.add(EventHeaders.HEARTBEAT, new byte[] {1});
    headers.add(EventHeaders.SEQ, EventHeaders.longBytes(EventHeaders.sequence(micros, replicaId)));
    headers.add(EventHeaders.COLLECTED_AT, EventHeaders.longBytes(micros));
    return new ProducerRecord<>(topic, partition, micros / 1000, null, new byte[0], headers);
  }

  /** The partition Kafka's default partitioner gives a keyed record, or -1 for a record without a key. */
  static int partitionOf(ProducerRecord<byte[], byte[]> r, int partitions) {
    if (r.partition() != null) {
      return r.partition();
    }
    return r.key() == null ? -1
        : org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(r.key()))
            % partitions;
  }

  private long next() {
    long micros = Math.max(EventHeaders.micros(clock.instant()), lastMicros + 1);
    lastMicros = micros;
    return micros;
  }
}
