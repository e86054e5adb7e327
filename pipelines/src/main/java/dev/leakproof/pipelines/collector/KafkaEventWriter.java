package dev.leakproof.pipelines.collector;

import dev.leakproof.pipelines.kafka.KafkaSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes requests to the event topics with group commit: one writer thread takes the queued
 * requests (those arriving within {@code collector.linger}, up to
 * {@value #MAX_EVENTS_PER_TRANSACTION} events or {@value #MAX_BYTES_PER_TRANSACTION} bytes), stamps {@code lp-seq} and
 * {@code lp-collected-at} in send order, sends them all in one Kafka transaction and completes
 * each request only after the commit. A failed or timed-out commit fails every request of the
 * group ({@link SinkUnavailableException}: 503, nothing acknowledged) and the producer is
 * recreated; while {@link BrokerProbe} finds the cluster unreachable, writes fail at once.
 * A commit that timed out may still have been completed by the broker: its events then appear
 * although the client was told 503, and a retry is a duplicate the job drops by event_id.
 */
public final class KafkaEventWriter implements EventSink {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaEventWriter.class);
  static final int MAX_EVENTS_PER_TRANSACTION = 50_000;
  static final long MAX_BYTES_PER_TRANSACTION = 16L << 20;

  private record Pending(CollectedRequest request, CompletableFuture<Void> done) {}

  private final KafkaSettings settings;
  private final CollectorConfig config;
  private final EventRecords stamper;
  private final BrokerProbe probe;
  private final TransactionalProducer producer;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Object lock = new Object();
  private volatile boolean closing;
  private final AtomicLong committedTransactions = new AtomicLong();
  private final AtomicLong failedTransactions = new AtomicLong();
  private final AtomicLong committedEvents = new AtomicLong();

  private KafkaEventWriter(KafkaSettings settings, CollectorConfig config, Clock clock) {
    this.settings = settings;
    this.config = config;
    this.stamper = new EventRecords(settings, config.replicaId(), clock);
    this.probe = new BrokerProbe(settings, config.brokerTimeout());
    this.producer = new TransactionalProducer(settings, config);
    this.thread = new Thread(this::run, "collector-kafka-writer-" + config.replicaId());
    this.thread.setDaemon(true);
  }

  /** A writer whose thread and broker probe are running; the producer is created at the first write. */
  public static KafkaEventWriter open(KafkaSettings settings, CollectorConfig config) {
    KafkaEventWriter w = new KafkaEventWriter(settings, config, Clock.systemUTC());
    w.probe.start();
    w.thread.start();
    LOG.info("Writing events to {} and {} at {} as transactional.id {}", settings.usageTopic(),
        settings.seatTopic(), settings.bootstrapServers(), config.transactionalId());
    return w;
  }

  @Override
  public CompletableFuture<Void> write(CollectedRequest request) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (lock) {
      if (closing) {
        done.completeExceptionally(new SinkUnavailableException("Cannot write: the collector is closing", null));
      } else if (!probe.reachable()) {
        done.completeExceptionally(new SinkUnavailableException("Cannot write: Kafka at "
            + settings.bootstrapServers() + " is unreachable", null));
      } else {
        queue.add(new Pending(request, done));
      }
    }
    return done;
  }

  @Override
  public boolean available() {
    return !closing && probe.reachable();
  }

  @Override
  public Stats stats() {
    return new Stats(committedTransactions.get(), failedTransactions.get(), committedEvents.get());
  }

  private void run() {
    try {
      if (probe.reachable()) {
        try {
          producer.ready();
        } catch (RuntimeException e) {
          LOG.warn("Cannot initialize the Kafka producer yet: {}", TransactionalProducer.rootMessage(e));
        }
      }
      long pollMillis = Math.max(5, Math.min(100, config.heartbeatInterval().toMillis() / 2));
      while (!(closing && queue.isEmpty())) {
        Pending first = queue.poll(pollMillis, TimeUnit.MILLISECONDS);
        if (first != null) {
          commit(group(first));
        }
        if (!closing) {
          heartbeats();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      producer.close(config.brokerTimeout());
    }
  }

  /** The first request and those that follow it within the linger, up to the size bound. */
  private List<Pending> group(Pending first) throws InterruptedException {
    List<Pending> group = new ArrayList<>();
    group.add(first);
    int events = first.request().events().size();
    long bytes = bytes(first);
    long deadline = System.nanoTime() + config.linger().toNanos();
    while (events < MAX_EVENTS_PER_TRANSACTION && bytes < MAX_BYTES_PER_TRANSACTION) {
      long wait = deadline - System.nanoTime();
      Pending next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
      if (next == null) {
        break;
      }
      group.add(next);
      events += next.request().events().size();
      bytes += bytes(next);
    }
    return group;
  }

  private static long bytes(Pending p) {
    return p.request().events().stream().mapToLong(e -> e.value().length).sum();
  }

  private void commit(List<Pending> group) {
    int events = group.stream().mapToInt(p -> p.request().events().size()).sum();
    try {
      if (!probe.reachable()) {
        throw new SinkUnavailableException("Kafka at " + settings.bootstrapServers() + " is unreachable", null);
      }
      List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(events);
      for (Pending p : group) {
        for (CollectedEvent e : p.request().events()) {
          records.add(stamper.record(p.request(), e));
        }
      }
      producer.commit(records);
      wrote(records);
    } catch (RuntimeException e) {
      failedTransactions.incrementAndGet();
      LOG.warn("Cannot commit {} events of {} requests to Kafka at {}: {}", events, group.size(),
          settings.bootstrapServers(), TransactionalProducer.rootMessage(e));
      probe.suspect();
      SinkUnavailableException failure = e instanceof SinkUnavailableException s ? s
          : new SinkUnavailableException("Cannot commit to Kafka: " + TransactionalProducer.rootMessage(e), e);
      group.forEach(p -> p.done().completeExceptionally(failure));
      return;
    }
    committedTransactions.incrementAndGet();
    committedEvents.addAndGet(events);
    group.forEach(p -> p.done().complete(null));
  }

  /** When each partition of each event topic was last written to (nanoTime). */
  private final java.util.Map<String, long[]> lastWrite = new java.util.HashMap<>();
  private long lastHeartbeatCheck = System.nanoTime();

  private long[] lastWrites(String topic) {
    return lastWrite.computeIfAbsent(topic, t -> {
      long[] a = new long[producer.partitions(t)];
      java.util.Arrays.fill(a, Long.MIN_VALUE);
      return a;
    });
  }

  private void wrote(List<ProducerRecord<byte[], byte[]>> records) {
    long now = System.nanoTime();
    for (ProducerRecord<byte[], byte[]> r : records) {
      long[] writes = lastWrites(r.topic());
      int partition = EventRecords.partitionOf(r, writes.length);
      if (partition >= 0 && partition < writes.length) {
        writes[partition] = now;
      }
    }
  }

  /**
   * Commits a heartbeat to every partition of the event topics not written to for a heartbeat
   * interval: the continuous job's watermark then passes the last events before a quiet spell,
   * and partitions that get no events (few accounts) never hold it back.
   */
  private void heartbeats() {
    long now = System.nanoTime();
    long interval = config.heartbeatInterval().toNanos();
    if (now - lastHeartbeatCheck < interval || !probe.reachable()) {
      return;
    }
    lastHeartbeatCheck = now;
    try {
      List<ProducerRecord<byte[], byte[]>> beats = new ArrayList<>();
      for (String topic : List.of(settings.usageTopic(), settings.seatTopic())) {
        long[] writes = lastWrites(topic);
        for (int p = 0; p < writes.length; p++) {
          if (writes[p] == Long.MIN_VALUE || now - writes[p] >= interval) {
            beats.add(stamper.heartbeat(topic, p));
          }
        }
      }
      if (!beats.isEmpty()) {
        producer.commit(beats);
        wrote(beats);
      }
    } catch (RuntimeException e) {
      LOG.debug("Cannot write heartbeats to Kafka at {}: {}", settings.bootstrapServers(),
          TransactionalProducer.rootMessage(e));
      probe.suspect();
    }
  }

  /**
   * Stops taking writes, commits what is queued (waiting at most three broker timeouts), closes
   * the producer and the probe. Requests still queued after that are failed.
   */
  @Override
  public void close() {
    synchronized (lock) {
      closing = true;
    }
    try {
      thread.join(config.brokerTimeout().multipliedBy(3).toMillis() + 1000);
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(Duration.ofSeconds(5).toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Pending left;
    while ((left = queue.poll()) != null) {
      left.done().completeExceptionally(new SinkUnavailableException("Cannot write: the collector closed", null));
    }
    probe.close();
  }
}
