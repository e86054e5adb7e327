package dev.leakproof.pipelines.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.kafka.EventHeaders;
import dev.leakproof.pipelines.kafka.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The record contract of {@link EventHeaders}, as the writer stamps it. */
class CollectorRecordsTest {

  @Test
  void recordsCarryTopicKeyExactBytesAndHeadersWithASequenceThatAlwaysIncreases() {
    Instant frozen = Instant.parse("2026-12-07T10:00:00.123456Z");
    EventRecords records = new EventRecords(KafkaSettings.local("127.0.0.1:9092"), 7,
        Clock.fixed(frozen, ZoneOffset.UTC));
    byte[] value = "{\"event_id\":\"e1\",\"quantity\":1.50}".getBytes(StandardCharsets.UTF_8);
    CollectedRequest request = new CollectedRequest("req-1", "web", List.of(
        new CollectedEvent(0, EventStream.USAGE, "ACC-1", value),
        new CollectedEvent(2, EventStream.SEATS, null, value)));

    ProducerRecord<byte[], byte[]> a = records.record(request, request.events().get(0));
    ProducerRecord<byte[], byte[]> b = records.record(request, request.events().get(1));

    assertThat(a.topic()).isEqualTo("usage_events");
    assertThat(b.topic()).isEqualTo("seat_events");
    assertThat(new String(a.key(), StandardCharsets.UTF_8)).isEqualTo("ACC-1");
    assertThat(b.key()).isNull();
    assertThat(a.value()).isSameAs(value);
    long micros = EventHeaders.micros(frozen);
    // the clock stands still, the sequence still moves: max(now, last + 1)
    assertThat(EventHeaders.longHeader(a.headers(), EventHeaders.SEQ, -1)).isEqualTo(EventHeaders.sequence(micros, 7));
    assertThat(EventHeaders.longHeader(b.headers(), EventHeaders.SEQ, -1))
        .isEqualTo(EventHeaders.sequence(micros + 1, 7));
    assertThat(EventHeaders.longHeader(b.headers(), EventHeaders.COLLECTED_AT, -1)).isEqualTo(micros + 1);
    assertThat(EventHeaders.textHeader(a.headers(), EventHeaders.SOURCE)).isEqualTo("web");
    assertThat(EventHeaders.textHeader(a.headers(), EventHeaders.REQUEST)).isEqualTo("req-1");
    assertThat(EventHeaders.intHeader(b.headers(), EventHeaders.INDEX, -1)).isEqualTo(2);
    assertThat(a.timestamp()).isEqualTo(frozen.toEpochMilli());
  }

  @Test
  void theProducerIsTransactionalIdempotentAndBoundedByTheBrokerTimeout() {
    CollectorConfig config = CollectorConfig.from(java.util.Map.of("collector.replica-id", "2"));
    java.util.Properties p = TransactionalProducer.properties(KafkaSettings.local("127.0.0.1:9092"), config);
    assertThat(p).containsEntry("transactional.id", "leakproof-collector-2")
        .containsEntry("enable.idempotence", "true")
        .containsEntry("acks", "all")
        .containsEntry("max.block.ms", "10000")
        .containsEntry("request.timeout.ms", "5000")
        .containsEntry("delivery.timeout.ms", "10000")
        .containsEntry("transaction.timeout.ms", "30000");
    assertThat(TransactionalProducer.fatal(new org.apache.kafka.common.KafkaException("x",
        new org.apache.kafka.common.errors.TimeoutException("t")))).isTrue();
    assertThat(TransactionalProducer.fatal(new org.apache.kafka.common.errors.RecordTooLargeException("r"))).isFalse();
  }
}
