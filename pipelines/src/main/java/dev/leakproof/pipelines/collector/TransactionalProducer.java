package dev.leakproof.pipelines.collector;

import dev.leakproof.pipelines.kafka.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's idempotent, transactional Kafka producer (acks=all), created and initialized on
 * first use. After an abortable failure the transaction is aborted and the producer kept; after a
 * fatal one (fenced, timed out with the transaction in an unknown state, ...) it is closed, and
 * the next commit makes a new one, whose {@code initTransactions} fences the old and settles its
 * open transaction. Its timeouts are set so a dead broker fails a commit within about
 * {@code collector.broker-timeout}. Used by the writer thread only.
 */
final class TransactionalProducer {

  private static final Logger LOG = LoggerFactory.getLogger(TransactionalProducer.class);

  private final Properties properties;
  private KafkaProducer<byte[], byte[]> producer;

  TransactionalProducer(KafkaSettings settings, CollectorConfig config) {
    this.properties = properties(settings, config);
  }

  static Properties properties(KafkaSettings settings, CollectorConfig config) {
    long timeout = config.brokerTimeout().toMillis();
    long requestTimeout = Math.max(500, timeout / 2);
    Properties p = settings.clientProperties();
    p.setProperty(ProducerConfig.CLIENT_ID_CONFIG, config.transactionalId());
    p.setProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId());
    p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    p.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeout));
    p.setProperty(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(requestTimeout));
    p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(timeout, requestTimeout + 5)));
    p.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(Math.min(900_000, Math.max(30_000,
        3 * timeout))));
    p.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    p.setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(2_000_000));
    p.setProperty(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
    return p;
  }

  /**
   * Sends the records in one transaction and commits it.
   *
   * @throws KafkaException (or another runtime exception) when the transaction is not committed
   */
  void commit(List<ProducerRecord<byte[], byte[]>> records) {
    KafkaProducer<byte[], byte[]> p = producer();
    try {
      p.beginTransaction();
      for (ProducerRecord<byte[], byte[]> r : records) {
        p.send(r);
      }
      p.commitTransaction();
    } catch (RuntimeException e) {
      recover(e);
      throw e;
    }
  }

  /** The partition count of a topic, from the producer's metadata. */
  int partitions(String topic) {
    return producer().partitionsFor(topic).size();
  }

  /** Creates and initializes the producer now unless it is already, so the first request does not wait for it. */
  void ready() {
    producer();
  }

  private KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(properties, new ByteArraySerializer(),
          new ByteArraySerializer());
      try {
        p.initTransactions();
      } catch (RuntimeException e) {
        p.close(Duration.ZERO);
        throw e;
      }
      producer = p;
      LOG.info("Kafka producer {} ready", properties.getProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG));
    }
    return producer;
  }

  private void recover(RuntimeException e) {
    if (producer == null) {
      return;
    }
    if (!fatal(e)) {
      try {
        producer.abortTransaction();
        return;
      } catch (RuntimeException abortFailed) {
        LOG.warn("Cannot abort the Kafka transaction: {}; recreating the producer", rootMessage(abortFailed));
      }
    }
    close(Duration.ZERO);
  }

  /** True when the producer can't go on: its transaction's state is unknown or it was fenced. */
  static boolean fatal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException
          || t instanceof OutOfOrderSequenceException || t instanceof AuthorizationException
          || t instanceof UnsupportedVersionException || t instanceof TimeoutException
          || t instanceof InterruptException || t instanceof IllegalStateException) {
        return true;
      }
    }
    return false;
  }

  void close(Duration timeout) {
    if (producer != null) {
      try {
        producer.close(timeout);
      } catch (RuntimeException e) {
        LOG.warn("Cannot close the Kafka producer cleanly: {}", rootMessage(e));
      }
      producer = null;
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
