package dev.leakproof.cli.stream;

import dev.leakproof.pipelines.collector.ApiKeys;
import dev.leakproof.pipelines.collector.CollectorConfig;
import dev.leakproof.pipelines.collector.EventCollector;
import dev.leakproof.pipelines.kafka.EventTopics;
import dev.leakproof.pipelines.kafka.KafkaSettings;
import dev.leakproof.schemas.events.ReferenceFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leakproof collect}: the HTTP event collector, until stopped. */
@Command(name = "collect", mixinStandardHelpOptions = true,
    description = {"Runs the HTTP event collector until Ctrl-C: POST /v1/events takes a JSON array, NDJSON "
        + "(application/x-ndjson) or a CloudEvents batch, authenticated with an API key per source "
        + "(Authorization: Bearer KEY; keys from LEAKPROOF_COLLECTOR_KEYS=\"source=key,...\" or --keys-file), checks "
        + "each event with the ingestion's stateless checks, stamps received/collected_at, writes the request's "
        + "events to Kafka in one transaction and answers 202 with a result per event once the broker committed "
        + "them; 401/413/415/429 as HTTP says, 503 with Retry-After while Kafka is unreachable.",
        "GET /healthz and GET /metrics. Settings: collector.* in --config or the environment "
            + "(COLLECTOR_PORT, ...), see `leakproof collect --help`."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:stopped", "1:failed", "2:unusable arguments or settings"})
public final class CollectCommand implements Callable<Integer> {

  @Option(names = "--reference", required = true, paramLabel = "DIR",
      description = "Folder of workspaces.csv and price_book.csv (reread when they change).")
  Path reference;

  @Option(names = "--port", paramLabel = "N", description = "Port (default: collector.port, 8088; 0 = any free).")
  Integer port;

  @Option(names = "--host", paramLabel = "ADDR", description = "Address (default: collector.host, 127.0.0.1).")
  String host;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka (default: kafka.bootstrap-servers).")
  String bootstrapServers;

  @Option(names = "--keys-file", paramLabel = "FILE",
      description = "API keys, one 'source key' (or 'source sha256:HEX') a line, besides LEAKPROOF_COLLECTOR_KEYS.")
  Path keysFile;

  @Option(names = "--replica-id", paramLabel = "N", description = "This collector's replica id, 0..15 (default 0).")
  Integer replicaId;

  @Option(names = "--config", paramLabel = "FILE", description = "Streaming settings (YAML: kafka, collector, stream).")
  Path config;

  @Override
  public Integer call() throws Exception {
    Map<String, String> overrides = new HashMap<>();
    if (port != null) {
      overrides.put("collector.port", String.valueOf(port));
    }
    if (host != null) {
      overrides.put("collector.host", host);
    }
    if (replicaId != null) {
      overrides.put("collector.replica-id", String.valueOf(replicaId));
    }
    if (bootstrapServers != null) {
      overrides.put("kafka.bootstrap-servers", bootstrapServers);
    }
    StreamingSettings settings = StreamingSettings.load(config, System.getenv(), overrides);
    KafkaSettings kafka = settings.kafka();
    CollectorConfig collectorConfig = settings.collector();
    ApiKeys keys = ApiKeys.load(System.getenv(), keysFile);
    try (EventTopics topics = new EventTopics(kafka)) {
      topics.awaitCluster(Duration.ofSeconds(30));
      topics.ensure();
    } catch (java.util.concurrent.TimeoutException e) {
      System.err.println("leakproof: " + e.getMessage() + "; collecting anyway (requests get 503 until it answers)");
    }
    Signals signals = Signals.install();
    try (EventCollector collector = EventCollector.toKafka(collectorConfig, keys,
        new ReferenceFiles(reference, 30_000), kafka).start()) {
      System.out.printf(Locale.ROOT, "Collecting on %s for %d sources into %s (%s, %s); Ctrl-C stops%n",
          collector.eventsUrl(), keys.sources().size(), kafka.bootstrapServers(), kafka.usageTopic(),
          kafka.seatTopic());
      System.out.flush();
      while (!signals.awaitStop(10_000)) {
        EventCollector.Summary s = collector.summary();
        System.out.printf(Locale.ROOT, "collect: %,d events accepted, %,d rejected, %,d committed to Kafka, "
            + "%.0f events/s, Kafka %s%n", s.accepted(), s.rejected(), s.written(), s.eventsPerSecond(),
            s.kafkaReachable() ? "reachable" : "UNREACHABLE");
        System.out.flush();
      }
      System.out.println("Stopping the collector: finishing the requests in flight");
    }
    System.out.println("Collector stopped");
    return 0;
  }
}
