package dev.leakproof.pipelines.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.pipelines.testutils.TestBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaBrokerIT {

  @TempDir
  Path dir;

  @Test
  void startsAKraftBrokerAsItsOwnProcessCreatesTheTopicsAndSurvivesARestart() throws Exception {
    try (TestBroker b = TestBroker.start(dir.resolve("kafka"), 3)) {
      LocalKafkaBroker broker = b.broker();
      LocalKafkaBroker.Status status = broker.status();
      assertThat(status.running()).isTrue();
      assertThat(status.pid().orElseThrow()).isNotEqualTo(ProcessHandle.current().pid());
      try (EventTopics topics = new EventTopics(b.settings())) {
        assertThat(topics.partitions()).isEqualTo(Map.of("usage_events", 3, "seat_events", 3));
        // a second ensure keeps the topics as they are
        assertThat(topics.ensure()).isEqualTo(Map.of("usage_events", 3, "seat_events", 3));
      }
      produce(b.settings(), "ACC-1", "{\"event_id\":\"e1\"}");

      // a restart keeps the log: the record is still there
      broker.stop(Duration.ofSeconds(20));
      assertThat(broker.status().running()).isFalse();
      broker.start(Duration.ofSeconds(60));
      try (EventTopics topics = new EventTopics(b.settings())) {
        topics.awaitCluster(Duration.ofSeconds(60));
        long total = topics.endOffsets().entrySet().stream()
            .filter(e -> e.getKey().topic().equals("usage_events")).mapToLong(Map.Entry::getValue).sum();
        assertThat(total).isEqualTo(1);
      }
      assertThat(consumeAll(b.settings(), "usage_events")).containsExactly("{\"event_id\":\"e1\"}");
    }
  }

  @Test
  void aPortTakenByAnotherProcessIsAClearError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      LocalKafkaBroker broker = new LocalKafkaBroker(dir.resolve("k2"), taken.getLocalPort(), TestBroker.freePort(),
          System.getProperty("java.class.path"));
      assertThatThrownBy(() -> broker.start(Duration.ofSeconds(10)))
          .isInstanceOf(IOException.class)
          .hasMessage("Cannot start a Kafka broker on 127.0.0.1:" + taken.getLocalPort()
              + ": the port is in use by another process");
    }
  }

  private static void produce(KafkaSettings s, String key, String value) throws Exception {
    Properties p = s.clientProperties();
    p.put("enable.idempotence", "true");
    p.put("acks", "all");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(s.usageTopic(), key.getBytes(StandardCharsets.UTF_8),
          value.getBytes(StandardCharsets.UTF_8))).get();
    }
  }

  private static List<String> consumeAll(KafkaSettings s, String topic) {
    Properties p = s.clientProperties();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      List<String> out = new java.util.ArrayList<>();
      long deadline = System.currentTimeMillis() + 10_000;
      while (out.isEmpty() && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          out.add(new String(r.value(), StandardCharsets.UTF_8));
        }
      }
      return out;
    }
  }
}
