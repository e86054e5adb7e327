package dev.leakproof.pipelines.testutils;

import dev.leakproof.pipelines.kafka.EventTopics;
import dev.leakproof.pipelines.kafka.KafkaSettings;
import dev.leakproof.pipelines.kafka.LocalKafkaBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

/** A real Kafka broker for a test: a local process on free loopback ports, from the test class path. */
public final class TestBroker implements AutoCloseable {

  private final LocalKafkaBroker broker;
  private final KafkaSettings settings;

  private TestBroker(LocalKafkaBroker broker, int partitions) {
    this.broker = broker;
    KafkaSettings local = KafkaSettings.local(broker.bootstrapServers());
    this.settings = new KafkaSettings(local.bootstrapServers(), local.usageTopic(), local.seatTopic(), partitions,
        (short) 1, KafkaSettings.Security.NONE);
  }

  /** Starts a broker in {@code dir} and creates the event topics with {@code partitions} partitions. */
  public static TestBroker start(Path dir, int partitions) throws Exception {
    LocalKafkaBroker broker = new LocalKafkaBroker(dir, freePort(), freePort(), System.getProperty("java.class.path"));
    broker.start(Duration.ofSeconds(60));
    TestBroker b = new TestBroker(broker, partitions);
    try (EventTopics topics = new EventTopics(b.settings)) {
      topics.awaitCluster(Duration.ofSeconds(60));
      topics.ensure();
    }
    return b;
  }

  public KafkaSettings settings() {
    return settings;
  }

  public LocalKafkaBroker broker() {
    return broker;
  }

  /** A port nobody listens on right now. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    broker.stop(Duration.ofSeconds(20));
  }
}
