package dev.leakproof.cli.stream;

import dev.leakproof.cli.support.UsageException;
import dev.leakproof.pipelines.kafka.EventTopics;
import dev.leakproof.pipelines.kafka.KafkaSettings;
import dev.leakproof.pipelines.kafka.LocalKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leakproof kafka start|stop|status}: a local one-node Kafka broker for the demo and one-box use. */
@Command(name = "kafka", mixinStandardHelpOptions = true,
    description = {"Runs a Kafka broker (KRaft, one node, org.apache.kafka:kafka_2.13 from the jars Maven fetched) "
        + "as a separate local process on 127.0.0.1, and creates the event topics.",
        "start: formats DIR on first use, starts the broker, waits until it answers and creates the topics "
            + "usage_events and seat_events with --partitions partitions (events are keyed by account).",
        "stop: a controlled shutdown (SIGTERM), SIGKILL after 30 s. status: the process, the listener and the "
            + "topics. Production points the collector and the job at any cluster with kafka.bootstrap-servers "
            + "(KAFKA_BOOTSTRAP_SERVERS) and KAFKA_SECURITY_PROTOCOL / KAFKA_SASL_* in the environment."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:done (status: the broker runs)", "1:failed", "2:unusable arguments", "3:status: not running"})
public final class KafkaCommand implements Callable<Integer> {

  @Parameters(paramLabel = "ACTION", description = "start, stop or status")
  String action;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".leakproof/kafka",
      description = "The broker's folder: configuration, logs, data, pid (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--port", paramLabel = "N", defaultValue = "9092", description = "Client port (default: 9092).")
  int port;

  @Option(names = "--controller-port", paramLabel = "N", defaultValue = "9093",
      description = "KRaft controller port (default: 9093).")
  int controllerPort;

  @Option(names = "--partitions", paramLabel = "N",
      description = "Partitions of each event topic created (default: kafka.topics.partitions, 4).")
  Integer partitions;

  @Option(names = "--config", paramLabel = "FILE", description = "Streaming settings (YAML: kafka, collector, stream).")
  Path config;

  @Override
  public Integer call() throws Exception {
    LocalKafkaBroker broker = new LocalKafkaBroker(dir, port, controllerPort, System.getProperty("java.class.path"));
    switch (action.toLowerCase(Locale.ROOT)) {
      case "start" -> {
        broker.start(Duration.ofSeconds(90));
        Map<String, Integer> topics;
        try (EventTopics admin = new EventTopics(settings(broker))) {
          admin.awaitCluster(Duration.ofSeconds(60));
          topics = admin.ensure();
        }
        System.out.printf(Locale.ROOT, "Kafka broker running on %s (pid %d, %s); topics %s%n",
            broker.bootstrapServers(), broker.status().pid().orElse(-1L), broker.dir(), topics);
        return 0;
      }
      case "stop" -> {
        boolean was = broker.stop(Duration.ofSeconds(30));
        System.out.println(was ? "Kafka broker in " + broker.dir() + " stopped" : "No Kafka broker runs from "
            + broker.dir());
        return 0;
      }
      case "status" -> {
        LocalKafkaBroker.Status s = broker.status();
        if (!s.running()) {
          System.out.println("Kafka broker in " + broker.dir() + ": not running"
              + (s.listening() ? " (something else listens on " + s.bootstrapServers() + ")" : ""));
          return 3;
        }
        try (EventTopics admin = new EventTopics(settings(broker))) {
          admin.awaitCluster(Duration.ofSeconds(10));
          System.out.printf(Locale.ROOT, "Kafka broker running on %s (pid %d); topics %s%n", s.bootstrapServers(),
              s.pid().orElseThrow(), admin.partitions());
        }
        return 0;
      }
      default -> throw new UsageException("Invalid action: " + action + " (start, stop or status)");
    }
  }

  private KafkaSettings settings(LocalKafkaBroker broker) throws UsageException {
    Map<String, String> overrides = new java.util.HashMap<>();
    overrides.put("kafka.bootstrap-servers", broker.bootstrapServers());
    if (partitions != null) {
      overrides.put("kafka.topics.partitions", String.valueOf(partitions));
    }
    return StreamingSettings.load(config, System.getenv(), overrides).kafka();
  }
}
