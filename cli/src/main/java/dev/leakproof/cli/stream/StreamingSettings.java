package dev.leakproof.cli.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.leakproof.cli.support.UsageException;
import dev.leakproof.pipelines.collector.CollectorConfig;
import dev.leakproof.pipelines.kafka.KafkaSettings;
import dev.leakproof.pipelines.stream.ContinuousSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The streaming path's settings: a YAML file ({@code --config}, sections {@code kafka},
 * {@code collector}, {@code stream}), each key overridable by its environment variable
 * ({@code kafka.bootstrap-servers}: {@code KAFKA_BOOTSTRAP_SERVERS}) and by command-line options,
 * which win. Secrets (Kafka SASL/TLS passwords, the collector's API keys) come from the
 * environment only.
 */
public final class StreamingSettings {

  /** The keys of the kafka and stream sections with their defaults (collector keys: {@link CollectorConfig#KEYS}). */
  static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("kafka.bootstrap-servers", "127.0.0.1:9092");
    d.put("kafka.topics.usage", "usage_events");
    d.put("kafka.topics.seats", "seat_events");
    d.put("kafka.topics.partitions", "4");
    d.put("kafka.topics.replication-factor", "1");
    d.put("stream.parallelism", "2");
    d.put("stream.checkpoint-interval", "10s");
    d.put("stream.state-backend", "hashmap");
    d.put("stream.dedupe.billing-cycle", "31d");
    d.put("stream.late-tolerance", "3d");
    d.put("stream.out-of-orderness", "200ms");
    return Map.copyOf(d);
  }

  private final Map<String, String> values;
  private final Map<String, String> env;

  private StreamingSettings(Map<String, String> values, Map<String, String> env) {
    this.values = values;
    this.env = env;
  }

  /**
   * Reads the file (when given), the environment and the overrides, in that order of precedence
   * from lowest to highest.
   *
   * @throws UsageException for an unreadable file or an unknown key
   */
  public static StreamingSettings load(Path file, Map<String, String> env, Map<String, String> overrides)
      throws UsageException {
    Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
    CollectorConfig.KEYS.forEach(k -> v.put(k.name(), k.defaultValue()));
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new UsageException("Invalid --config: " + file + " is not a file");
      }
      try {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        Map<String, String> flat = new LinkedHashMap<>();
        if (root != null) {
          flatten("", root, flat);
        }
        for (Map.Entry<String, String> e : flat.entrySet()) {
          if (!v.containsKey(e.getKey())) {
            throw new UsageException("Unknown setting in " + file + ": " + e.getKey());
          }
          v.put(e.getKey(), e.getValue());
        }
      } catch (IOException e) {
        throw new UsageException("Cannot read " + file + ": " + e.getMessage().split("\n")[0]);
      }
    }
    for (String key : List.copyOf(v.keySet())) {
      String fromEnv = env.get(envVar(key));
      if (fromEnv != null && !fromEnv.isBlank()) {
        v.put(key, fromEnv.strip());
      }
    }
    overrides.forEach((k, val) -> {
      if (val != null) {
        v.put(k, val);
      }
    });
    return new StreamingSettings(v, env);
  }

  /** {@code kafka.bootstrap-servers}: {@code KAFKA_BOOTSTRAP_SERVERS}. */
  static String envVar(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public KafkaSettings kafka() {
    return new KafkaSettings(values.get("kafka.bootstrap-servers"), values.get("kafka.topics.usage"),
        values.get("kafka.topics.seats"), integer("kafka.topics.partitions"),
        (short) integer("kafka.topics.replication-factor"), KafkaSettings.Security.fromEnv(env));
  }

  public CollectorConfig collector() {
    Map<String, String> c = new LinkedHashMap<>();
    values.forEach((k, val) -> {
      if (k.startsWith("collector.")) {
        c.put(k, val);
      }
    });
    return CollectorConfig.from(c);
  }

  public ContinuousSettings stream() {
    return new ContinuousSettings(integer("stream.parallelism"), duration("stream.checkpoint-interval"),
        ContinuousSettings.StateBackend.parse(values.get("stream.state-backend")),
        duration("stream.dedupe.billing-cycle"), duration("stream.late-tolerance"),
        duration("stream.out-of-orderness"));
  }

  /** The settings in force, one {@code key=value} a line, secrets masked. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    values.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
    b.append(kafka().security().describe());
    b.append("LEAKPROOF_COLLECTOR_KEYS=").append(env.containsKey("LEAKPROOF_COLLECTOR_KEYS") ? "****" : "(not set)")
        .append('\n');
    return b.toString();
  }

  private int integer(String key) {
    try {
      return Integer.parseInt(values.get(key).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid " + key + ": '" + values.get(key) + "' (an integer)");
    }
  }

  private Duration duration(String key) {
    return parseDuration(key, values.get(key));
  }

  /** Parses {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h} or {@code 31d}. */
  public static Duration parseDuration(String key, String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).strip()));
      }
      long n = Long.parseLong(t.substring(0, Math.max(0, t.length() - 1)).strip());
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new NumberFormatException(t);
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Invalid " + key + ": '" + text + "' (a duration: 500ms, 10s, 5m, 2h, 31d)");
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
      }
    } else if (!node.isNull()) {
      out.put(prefix, node.asText());
    }
  }
}
