package dev.leakproof.pipelines.testutils;

import dev.leakproof.pipelines.kafka.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every committed record of the event topics, read from the start with a read_committed consumer:
 * the events ({@link #readCommitted}), or the events and the collectors' heartbeats ({@link #all}).
 */
public final class TopicRecords {

  private TopicRecords() {}

  /** The committed event records, without heartbeats. */
  public static List<ConsumerRecord<byte[], byte[]>> readCommitted(KafkaSettings settings) {
    return all(settings).stream()
        .filter(r -> r.headers().lastHeader(dev.leakproof.pipelines.kafka.EventHeaders.HEARTBEAT) == null)
        .toList();
  }

  /** The committed records, heartbeats included. */
  public static List<ConsumerRecord<byte[], byte[]>> all(KafkaSettings settings) {
    Properties p = settings.clientProperties();
    p.setProperty("isolation.level", "read_committed");
    p.setProperty("enable.auto.commit", "false");
    p.setProperty("max.poll.records", "5000");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      for (String topic : List.of(settings.usageTopic(), settings.seatTopic())) {
        consumer.partitionsFor(topic, Duration.ofSeconds(30))
            .forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
      }
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(30));
      List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Cannot read the event topics to their end within 60 s");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      return out;
    }
  }
}
