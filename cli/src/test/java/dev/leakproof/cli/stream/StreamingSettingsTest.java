package dev.leakproof.cli.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.cli.support.UsageException;
import dev.leakproof.pipelines.stream.ContinuousSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingSettingsTest {

  static final Path EXAMPLE = Path.of("../streaming.example.yml");

  @TempDir Path dir;

  @Test
  void theShippedExampleIsTheDefaultsAndLoads() throws Exception {
    StreamingSettings file = StreamingSettings.load(EXAMPLE, Map.of(), Map.of());
    StreamingSettings none = StreamingSettings.load(null, Map.of(), Map.of());
    assertThat(file.describe()).isEqualTo(none.describe());
    assertThat(file.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(file.collector().port()).isEqualTo(8088);
    ContinuousSettings s = file.stream();
    assertThat(s.dedupeTtl()).isEqualTo(Duration.ofDays(34));
    assertThat(s.outOfOrderness()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void theEnvironmentOverridesTheFileAndOptionsOverrideBoth() throws Exception {
    Path f = Files.writeString(dir.resolve("s.yml"), "kafka:\n  bootstrap-servers: broker:9092\nstream:\n"
        + "  state-backend: rocksdb\n");
    StreamingSettings s = StreamingSettings.load(f, Map.of("KAFKA_BOOTSTRAP_SERVERS", "env-broker:9093",
        "STREAM_CHECKPOINT_INTERVAL", "30s"), Map.of("stream.parallelism", "4"));
    assertThat(s.kafka().bootstrapServers()).isEqualTo("env-broker:9093");
    assertThat(s.stream().stateBackend()).isEqualTo(ContinuousSettings.StateBackend.ROCKSDB);
    assertThat(s.stream().checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.stream().parallelism()).isEqualTo(4);
  }

  @Test
  void secretsComeFromTheEnvironmentAndAreMasked() throws Exception {
    StreamingSettings s = StreamingSettings.load(null, Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
        "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "KAFKA_SASL_USERNAME", "leakproof", "KAFKA_SASL_PASSWORD",
        "hunter2-secret", "LEAKPROOF_COLLECTOR_KEYS", "web=abcdefabcdefabcdef"), Map.of());
    assertThat(s.kafka().clientProperties().getProperty("sasl.jaas.config"))
        .contains("ScramLoginModule required username=\"leakproof\" password=\"hunter2-secret\"");
    assertThat(s.describe()).contains("KAFKA_SASL_PASSWORD=****", "LEAKPROOF_COLLECTOR_KEYS=****")
        .doesNotContain("hunter2-secret", "abcdefabcdefabcdef");
  }

  @Test
  void badSettingsAreOneLineNamingTheKeyAndValue() throws Exception {
    Path f = Files.writeString(dir.resolve("bad.yml"), "stream:\n  checkpoint-intervall: 5s\n");
    assertThatThrownBy(() -> StreamingSettings.load(f, Map.of(), Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessage("Unknown setting in " + f + ": stream.checkpoint-intervall");
    assertThatThrownBy(() -> StreamingSettings.load(null, Map.of("STREAM_LATE_TOLERANCE", "three days"), Map.of())
        .stream()).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid stream.late-tolerance: 'three days' (a duration: 500ms, 10s, 5m, 2h, 31d)");
    assertThatThrownBy(() -> StreamingSettings.load(null, Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL"), Map.of())
        .kafka()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid KAFKA_SASL_MECHANISM: 'null' (");
  }
}
