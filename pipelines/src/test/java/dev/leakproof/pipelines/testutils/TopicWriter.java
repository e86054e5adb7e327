package dev.leakproof.pipelines.testutils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.kafka.EventHeaders;
import dev.leakproof.pipelines.kafka.KafkaSettings;
import dev.leakproof.schemas.events.ReferenceFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes event lines to the event topics the way the collector does (key = the workspace's account,
 * the arrival sequence and instant in headers), for tests of the continuous job on its own.
 */
public final class TopicWriter implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KafkaSettings settings;
  private final ReferenceFiles.Snapshot reference;
  private final KafkaProducer<byte[], byte[]> producer;
  private long micros;
  private final java.util.concurrent.atomic.AtomicReference<Exception> failed =
      new java.util.concurrent.atomic.AtomicReference<>();

  /** @param startMicros the collected instant of the first line; each next line one microsecond later */
  public TopicWriter(KafkaSettings settings, Path referenceDir, long startMicros) {
    this.settings = settings;
    this.reference = new ReferenceFiles(referenceDir, 0).current();
    Properties p = settings.clientProperties();
    p.put("enable.idempotence", "true");
    p.put("acks", "all");
    p.put("linger.ms", "5");
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    this.micros = startMicros;
  }

  /** Writes every line of {@code file} in order. */
  public long writeFile(EventStream stream, Path file) throws Exception {
    long n = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      write(stream, line);
      n++;
    }
    flush();
    return n;
  }

  public void write(EventStream stream, String line) {
    long at = micros++;
    ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(settings.topic(stream), null, key(line),
        line.getBytes(StandardCharsets.UTF_8));
    r.headers().add(EventHeaders.SEQ, EventHeaders.longBytes(EventHeaders.sequence(at, 0)));
    r.headers().add(EventHeaders.COLLECTED_AT, EventHeaders.longBytes(at));
    r.headers().add(EventHeaders.SOURCE, EventHeaders.utf8("test"));
    producer.send(r, this::sent);
  }

  /** Remembers the first send the producer gave up on; {@link #flush} reports it. */
  private void sent(org.apache.kafka.clients.producer.RecordMetadata meta, Exception e) {
    if (e != null) {
      failed.compareAndSet(null, e);
    }
  }

  /**
   * Writes a heartbeat to every partition of both topics, {@code ahead} after the last event, as a
   * collector does when it goes quiet: the job's watermark passes every event written so far.
   */
  public void heartbeat(java.time.Duration ahead) {
    micros += ahead.toNanos() / 1000;
    long at = micros++;
    for (EventStream stream : EventStream.values()) {
      String topic = settings.topic(stream);
      for (var info : producer.partitionsFor(topic)) {
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, info.partition(), null, new byte[0]);
        r.headers().add(EventHeaders.HEARTBEAT, new byte[] {1});
        r.headers().add(EventHeaders.SEQ, EventHeaders.longBytes(EventHeaders.sequence(at, 0)));
        r.headers().add(EventHeaders.COLLECTED_AT, EventHeaders.longBytes(at));
        producer.send(r, this::sent);
      }
    }
    flush();
  }

  /** Waits for every line sent so far; fails if the broker refused any of them. */
  public void flush() {
    producer.flush();
    Exception e = failed.get();
    if (e != null) {
      throw new IllegalStateException("The broker refused a test event: " + e, e);
    }
  }

  private byte[] key(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      String ws = node.path("workspace_id").asText(null);
      String account = reference.account(ws);
      String key = account != null ? account : ws != null ? ws : node.path("event_id").asText(null);
      return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    } catch (Exception e) {
      return null;
    }
  }

  /** Writes lines of several files in the order given. */
  public long writeFiles(EventStream stream, List<Path> files) throws Exception {
    long n = 0;
    for (Path f : files) {
      n += writeFile(stream, f);
    }
    return n;
  }

  @Override
  public void close() {
    try {
      flush();
    } finally {
      producer.close();
    }
  }
}
