package dev.leakproof.pipelines.kafka;

import dev.leakproof.core.EventStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The event topics on a cluster: waits for the cluster, creates {@code usage_events} and
 * {@code seat_events} with the configured partitions when they are missing, and reads their
 * offsets (the end of each partition, and a consumer group's position) for lag figures.
 */
public final class EventTopics implements AutoCloseable {

  private final KafkaSettings settings;
  private final Admin admin;

  public EventTopics(KafkaSettings settings) {
    this.settings = settings;
    Properties p = settings.clientProperties();
    p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    p.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "leakproof-admin");
    this.admin = Admin.create(p);
  }

  /**
   * Waits until the cluster answers a metadata request.
   *
   * @throws TimeoutException when it does not within {@code timeout}
   */
  public void awaitCluster(Duration timeout) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        admin.listTopics().names().get(5, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException | TimeoutException e) {
        last = e;
        Thread.sleep(200);
      }
    }
    throw new TimeoutException("Cannot reach Kafka at " + settings.bootstrapServers() + " within "
        + timeout.toSeconds() + " s" + (last == null ? "" : ": " + rootMessage(last)));
  }

  /**
   * Creates the topics that do not exist yet, with {@code kafka.topics.partitions} partitions.
   *
   * @return the partitions of each topic, as they are now
   */
  public Map<String, Integer> ensure() throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
    List<NewTopic> missing = new ArrayList<>();
    for (EventStream stream : EventStream.values()) {
      String topic = settings.topic(stream);
      if (!existing.contains(topic)) {
        missing.add(new NewTopic(topic, settings.partitions(), settings.replicationFactor())
            .configs(Map.of("retention.ms", String.valueOf(Duration.ofDays(14).toMillis()),
                "max.message.bytes", String.valueOf(2 * 1024 * 1024))));
      }
    }
    if (!missing.isEmpty()) {
      try {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      awaitLeaders(missing.stream().map(NewTopic::name).toList(), Duration.ofSeconds(30));
    }
    return partitions();
  }

  /**
   * Waits until every partition of new topics has a leader the broker knows: a producer writing to
   * a topic the controller has only just created can be answered NOT_LEADER_OR_FOLLOWER, and an
   * idempotent producer whose first batch failed so may then retry it for ever with
   * OUT_OF_ORDER_SEQUENCE_NUMBER.
   */
  private void awaitLeaders(List<String> topics, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean ready = true;
      try {
        for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
          ready &= d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        }
      } catch (ExecutionException e) {
        ready = false; // not visible to the broker yet
      }
      if (ready) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("Kafka topics " + topics + " have partitions without a leader after " + timeout);
      }
      Thread.sleep(100);
    }
  }

  /** The partition count of each event topic (0 for a topic that does not exist). */
  public Map<String, Integer> partitions() throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, Integer> out = new LinkedHashMap<>();
    Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
    List<String> topics = new ArrayList<>();
    for (EventStream stream : EventStream.values()) {
      String t = settings.topic(stream);
      out.put(t, 0);
      if (existing.contains(t)) {
        topics.add(t);
      }
    }
    if (!topics.isEmpty()) {
      Map<String, TopicDescription> d = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
      d.forEach((name, description) -> out.put(name, description.partitions().size()));
    }
    return out;
  }

  /** The end offset of every partition of the event topics (committed records only). */
  public Map<TopicPartition, Long> endOffsets() throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
    partitions().forEach((topic, n) -> {
      for (int i = 0; i < n; i++) {
        request.put(new TopicPartition(topic, i), OffsetSpec.latest());
      }
    });
    if (request.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> r = admin.listOffsets(request,
        new org.apache.kafka.clients.admin.ListOffsetsOptions(org.apache.kafka.common.IsolationLevel.READ_COMMITTED))
        .all().get(10, TimeUnit.SECONDS);
    Map<TopicPartition, Long> out = new LinkedHashMap<>();
    r.forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }

  /** The offsets a consumer group committed on the event topics. */
  public Map<TopicPartition, Long> committedOffsets(String groupId)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> r = admin.listConsumerGroupOffsets(groupId)
        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    Map<TopicPartition, Long> out = new LinkedHashMap<>();
    r.forEach((tp, om) -> {
      if (om != null && (tp.topic().equals(settings.usageTopic()) || tp.topic().equals(settings.seatTopic()))) {
        out.put(tp, om.offset());
      }
    });
    return out;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
