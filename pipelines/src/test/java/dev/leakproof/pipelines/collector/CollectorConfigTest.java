package dev.leakproof.pipelines.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectorConfigTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    CollectorConfig c = CollectorConfig.defaults();
    assertThat(c).isEqualTo(new CollectorConfig("127.0.0.1", 8088, 5 * 1024 * 1024, 10_000, 64 * 1024, 200.0, 400,
        Duration.ofSeconds(5), 0, Duration.ofMillis(5), Duration.ofSeconds(10), "leakproof-collector", 16,
        Duration.ofMillis(200)));
    assertThat(c.transactionalId()).isEqualTo("leakproof-collector-0");
  }

  @Test
  void keysOverrideTheDefaultsAndOtherPrefixesAreIgnored() {
    CollectorConfig c = CollectorConfig.from(Map.of("collector.port", "0", "collector.replica-id", "3",
        "collector.linger", "20ms", "collector.broker-timeout", "2m", "collector.rate-limit.requests-per-second",
        "0.5", "kafka.bootstrap-servers", "x:1"));
    assertThat(c.port()).isZero();
    assertThat(c.transactionalId()).isEqualTo("leakproof-collector-3");
    assertThat(c.linger()).isEqualTo(Duration.ofMillis(20));
    assertThat(c.brokerTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.ratePerSecond()).isEqualTo(0.5);
  }

  @Test
  void invalidValuesNameTheKeyTheValueAndTheRule() {
    assertThatThrownBy(() -> CollectorConfig.from(Map.of("collector.max-request-bytes", "-3")))
        .hasMessage("Invalid collector.max-request-bytes: -3 (must be 1024..1073741824)");
    assertThatThrownBy(() -> CollectorConfig.from(Map.of("collector.replica-id", "16")))
        .hasMessage("Invalid collector.replica-id: 16 (must be 0..15)");
    assertThatThrownBy(() -> CollectorConfig.from(Map.of("collector.port", "http")))
        .hasMessage("Invalid collector.port: 'http' (must be an integer)");
    assertThatThrownBy(() -> CollectorConfig.from(Map.of("collector.linger", "2s")))
        .hasMessage("Invalid collector.linger: 2000ms (must be 0ms..1s)");
    assertThatThrownBy(() -> CollectorConfig.from(Map.of("collector.max-event-bytes", "2000000")))
        .hasMessage("Invalid collector.max-event-bytes: 2000000 (must be 64..1048576)");
    assertThatThrownBy(() -> CollectorConfig.from(Map.of("collector.transactional-id-prefix", "a b")))
        .hasMessage("Invalid collector.transactional-id-prefix: a b (must be 1..200 letters, digits, '.', '_', '-')");
    assertThatThrownBy(() -> CollectorConfig.from(Map.of("collector.max-event", "5")))
        .hasMessageStartingWith("Unknown configuration key: collector.max-event (known: collector.host, ");
  }

  @Test
  void describeListsEveryKeyOnce() {
    String text = CollectorConfig.defaults().describe();
    for (CollectorConfig.Key k : CollectorConfig.KEYS) {
      assertThat(text).containsOnlyOnce(k.name() + "=");
    }
    assertThat(text).contains("collector.linger=5ms\n", "collector.max-request-bytes=5242880\n");
  }
}
