package dev.leakproof.pipelines.collector;

import dev.leakproof.pipelines.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches whether the Kafka cluster answers: a metadata request every few seconds while it does,
 * twice a second once it does not (or once the writer {@link #suspect() suspects} it), so the
 * collector answers 503 at once during an outage and recovers by itself when the cluster is back.
 */
final class BrokerProbe implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerProbe.class);
  private static final long TICK_MILLIS = 500;
  private static final long HEALTHY_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(3);

  private final Admin admin;
  private final String servers;
  private final int timeoutMillis;
  private final ScheduledExecutorService timer;
  private volatile boolean reachable;
  private volatile long checkedAtNanos;

  BrokerProbe(KafkaSettings settings, Duration timeout) {
    Properties p = settings.clientProperties();
    this.timeoutMillis = (int) Math.min(timeout.toMillis(), 3000);
    p.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "leakproof-collector-probe");
    p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMillis));
    p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMillis));
    p.setProperty(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
    this.admin = Admin.create(p);
    this.servers = settings.bootstrapServers();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "collector-broker-probe");
      t.setDaemon(true);
      return t;
    });
  }

  /** Probes once now (so the first answer is known), then keeps probing in the background. */
  void start() {
    check();
    timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  boolean reachable() {
    return reachable;
  }

  /** Marks the cluster unreachable until the next probe answers. */
  void suspect() {
    if (reachable) {
      reachable = false;
      LOG.warn("Kafka at {} is suspected unreachable; answering 503 until it answers again", servers);
    }
  }

  private void tick() {
    if (!reachable || System.nanoTime() - checkedAtNanos >= HEALTHY_PERIOD_NANOS) {
      check();
    }
  }

  private void check() {
    boolean ok;
    try {
      ok = !admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMillis)).nodes()
          .get(timeoutMillis + 500L, TimeUnit.MILLISECONDS).isEmpty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) {
      ok = false;
    }
    checkedAtNanos = System.nanoTime();
    if (ok != reachable) {
      if (ok) {
        LOG.info("Kafka at {} is reachable", servers);
      } else {
        LOG.warn("Kafka at {} is unreachable; answering 503 until it is back", servers);
      }
    }
    reachable = ok;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    admin.close(Duration.ofSeconds(2));
  }
}
