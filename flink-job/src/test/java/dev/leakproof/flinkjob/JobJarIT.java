package dev.leakproof.flinkjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packaged job jar holds the job and what it needs beyond a Flink cluster's class path, and
 * nothing of the CLI, DuckDB, the Snowflake driver, Flink's runtime or a logging binding (runs after
 * {@code package}, on the shaded jar).
 */
class JobJarIT {

  static Path jar() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("leakproof-flink-job-.*\\.jar")).findFirst()
          .orElseThrow(() -> new AssertionError("No leakproof-flink-job jar in target/ (run mvn package)"));
    }
  }

  @Test
  void holdsTheJobAndItsConnectorsButNothingTheClusterOrTheCliHas() throws Exception {
    List<String> entries;
    try (JarFile jar = new JarFile(jar().toFile())) {
      entries = jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).toList();
    }
    assertThat(entries).contains(
        "dev/leakproof/pipelines/stream/StreamJob.class",
        "dev/leakproof/core/EventStream.class",
        "org/apache/flink/connector/kafka/source/KafkaSource.class",
        "org/apache/kafka/clients/consumer/KafkaConsumer.class",
        "org/apache/iceberg/flink/sink/FlinkSink.class",
        "org/apache/hadoop/conf/Configuration.class",
        "com/fasterxml/jackson/databind/ObjectMapper.class");
    assertThat(entries).noneMatch(n -> n.startsWith("org/duckdb/") || n.startsWith("net/snowflake/")
        || n.startsWith("dev/leakproof/cli/") || n.startsWith("org/apache/flink/runtime/")
        || n.startsWith("org/apache/flink/api/") || n.startsWith("org/apache/flink/streaming/api/")
        || n.startsWith("org/apache/logging/") || n.startsWith("org/slf4j/") || n.startsWith("picocli/"));
  }
}
