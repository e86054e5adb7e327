package dev.leakproof.pipelines.collector;

import dev.leakproof.pipelines.kafka.EventHeaders;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The HTTP event collector's settings, validated on construction. Each key is declared once in
 * {@link #KEYS} with its default and description; {@link #from(Map)} reads {@code collector.*}
 * keys over those defaults.
 *
 * @param host {@code collector.host}: the address to listen on
 * @param port {@code collector.port}: 0 picks a free port ({@link EventCollector#port()})
 * @param maxRequestBytes {@code collector.max-request-bytes}: a larger body is answered 413
 * @param maxEvents {@code collector.max-events}: more events in one request are answered 413
 * @param maxEventBytes {@code collector.max-event-bytes}: a larger event is rejected as {@code event_too_large}
 * @param ratePerSecond {@code collector.rate-limit.requests-per-second}: per API key source
 * @param rateBurst {@code collector.rate-limit.burst}: requests a source may make at once
 * @param retryAfter {@code collector.retry-after-seconds}: Retry-After of a 503 while Kafka is down
 * @param replicaId {@code collector.replica-id}: unique per running collector, 0..15
 * @param linger {@code collector.linger}: how long the writer waits to group requests in one transaction
 * @param brokerTimeout {@code collector.broker-timeout}: how long a commit may take before the
 *     request is answered 503
 * @param transactionalIdPrefix {@code collector.transactional-id-prefix}: the producer's
 *     transactional.id is this, a dash and the replica id
 * @param threads {@code collector.threads}: HTTP worker threads
 * @param heartbeatInterval {@code collector.heartbeat-interval}: a partition the collector has
 *     not written to for this long gets a heartbeat record, so the job's watermark moves on
 */
public record CollectorConfig(
    String host,
    int port,
    int maxRequestBytes,
    int maxEvents,
    int maxEventBytes,
    double ratePerSecond,
    int rateBurst,
    Duration retryAfter,
    int replicaId,
    Duration linger,
    Duration brokerTimeout,
    String transactionalIdPrefix,
    int threads,
    Duration heartbeatInterval) {

  /** A configuration key: its name, default and what it sets. */
  public record Key(String name, String defaultValue, String description) {}

  public static final List<Key> KEYS = List.of(
      new Key("collector.host", "127.0.0.1", "address to listen on"),
      new Key("collector.port", "8088", "port to listen on; 0 picks a free one"),
      new Key("collector.max-request-bytes", "5242880", "largest request body (413 above)"),
      new Key("collector.max-events", "10000", "most events in one request (413 above)"),
      new Key("collector.max-event-bytes", "65536", "largest event (rejected as event_too_large above)"),
      new Key("collector.rate-limit.requests-per-second", "200", "requests per second per source (token bucket)"),
      new Key("collector.rate-limit.burst", "400", "requests a source may make at once"),
      new Key("collector.retry-after-seconds", "5", "Retry-After of a 503 while Kafka is unreachable"),
      new Key("collector.replica-id", "0", "this collector's replica id, 0..15, unique per deployment"),
      new Key("collector.linger", "5ms", "group-commit wait: requests within it share one transaction"),
      new Key("collector.broker-timeout", "10s", "how long a commit may take before answering 503"),
      new Key("collector.transactional-id-prefix", "leakproof-collector", "producer transactional.id prefix"),
      new Key("collector.threads", "16", "HTTP worker threads"),
      new Key("collector.heartbeat-interval", "200ms",
          "a partition not written to for this long gets a heartbeat record (the job's watermark moves on)"));

  private static final int MAX_BODY = 1 << 30;

  public CollectorConfig {
    check("collector.host", host, host != null && !host.isBlank(), "must not be blank");
    range("collector.port", port, 0, 65535);
    range("collector.max-request-bytes", maxRequestBytes, 1024, MAX_BODY);
    range("collector.max-events", maxEvents, 1, 1_000_000);
    range("collector.max-event-bytes", maxEventBytes, 64, Math.min(1 << 20, maxRequestBytes));
    check("collector.rate-limit.requests-per-second", ratePerSecond, ratePerSecond > 0 && ratePerSecond <= 1e6,
        "must be more than 0 and at most 1000000");
    range("collector.rate-limit.burst", rateBurst, 1, 1_000_000);
    check("collector.retry-after-seconds", retryAfter, retryAfter != null && retryAfter.toSeconds() >= 1
        && retryAfter.toSeconds() <= 3600, "must be 1..3600 seconds");
    range("collector.replica-id", replicaId, 0, EventHeaders.MAX_REPLICAS - 1);
    check("collector.linger", linger, linger != null && !linger.isNegative()
        && linger.compareTo(Duration.ofSeconds(1)) <= 0, "must be 0ms..1s");
    check("collector.broker-timeout", brokerTimeout, brokerTimeout != null
        && brokerTimeout.compareTo(Duration.ofSeconds(1)) >= 0 && brokerTimeout.compareTo(Duration.ofMinutes(5)) <= 0,
        "must be 1s..5m");
    check("collector.transactional-id-prefix", transactionalIdPrefix, transactionalIdPrefix != null
        && transactionalIdPrefix.matches("[A-Za-z0-9._\\-]{1,200}"), "must be 1..200 letters, digits, '.', '_', '-'");
    range("collector.threads", threads, 1, 512);
    check("collector.heartbeat-interval", heartbeatInterval, heartbeatInterval != null
        && heartbeatInterval.compareTo(Duration.ofMillis(10)) >= 0 && heartbeatInterval.compareTo(Duration.ofSeconds(10)) <= 0,
        "must be 10ms..10s");
  }

  /** The defaults of {@link #KEYS}. */
  public static CollectorConfig defaults() {
    return from(Map.of());
  }

  /**
   * Reads {@code collector.*} keys over the defaults; other keys are ignored.
   *
   * @throws IllegalArgumentException naming the key and value when one is unknown or invalid
   */
  public static CollectorConfig from(Map<String, String> properties) {
    Map<String, String> v = new LinkedHashMap<>();
    KEYS.forEach(k -> v.put(k.name(), k.defaultValue()));
    properties.forEach((name, value) -> {
      if (name.startsWith("collector.")) {
        if (!v.containsKey(name)) {
          throw new IllegalArgumentException("Unknown configuration key: " + name + " (known: "
              + KEYS.stream().map(Key::name).collect(Collectors.joining(", ")) + ")");
        }
        v.put(name, value == null ? "" : value.strip());
      }
    });
    return new CollectorConfig(v.get("collector.host"),
        integer(v, "collector.port"),
        integer(v, "collector.max-request-bytes"),
        integer(v, "collector.max-events"),
        integer(v, "collector.max-event-bytes"),
        parse(v, "collector.rate-limit.requests-per-second", Double::parseDouble, "a number"),
        integer(v, "collector.rate-limit.burst"),
        Duration.ofSeconds(integer(v, "collector.retry-after-seconds")),
        integer(v, "collector.replica-id"),
        parse(v, "collector.linger", CollectorConfig::duration, "a duration such as 5ms or 10s"),
        parse(v, "collector.broker-timeout", CollectorConfig::duration, "a duration such as 5ms or 10s"),
        v.get("collector.transactional-id-prefix"),
        integer(v, "collector.threads"),
        parse(v, "collector.heartbeat-interval", CollectorConfig::duration, "a duration such as 200ms or 1s"));
  }

  /** The producer's transactional.id: the prefix, a dash and the replica id. */
  public String transactionalId() {
    return transactionalIdPrefix + "-" + replicaId;
  }

  /** The settings in force, one {@code key=value} a line (there are no secrets among them). */
  public String describe() {
    return String.join("\n", "collector.host=" + host, "collector.port=" + port,
        "collector.max-request-bytes=" + maxRequestBytes, "collector.max-events=" + maxEvents,
        "collector.max-event-bytes=" + maxEventBytes,
        "collector.rate-limit.requests-per-second=" + ratePerSecond, "collector.rate-limit.burst=" + rateBurst,
        "collector.retry-after-seconds=" + retryAfter.toSeconds(), "collector.replica-id=" + replicaId,
        "collector.linger=" + linger.toMillis() + "ms", "collector.broker-timeout=" + brokerTimeout.toMillis() + "ms",
        "collector.transactional-id-prefix=" + transactionalIdPrefix, "collector.threads=" + threads,
        "collector.heartbeat-interval=" + heartbeatInterval.toMillis() + "ms") + "\n";
  }

  /** Parses {@code 250ms}, {@code 10s} or {@code 2m}. */
  static Duration duration(String text) {
    if (text.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).strip()));
    }
    if (text.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1).strip()));
    }
    if (text.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1).strip()));
    }
    throw new NumberFormatException(text);
  }

  private static int integer(Map<String, String> v, String key) {
    return parse(v, key, Integer::parseInt, "an integer");
  }

  private static <T> T parse(Map<String, String> v, String key, Function<String, T> parser, String expected) {
    try {
      return parser.apply(v.get(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid " + key + ": '" + v.get(key) + "' (must be " + expected + ")");
    }
  }

  private static void range(String key, long value, long min, long max) {
    check(key, value, value >= min && value <= max, "must be " + min + ".." + max);
  }

  private static void check(String key, Object value, boolean ok, String rule) {
    if (!ok) {
      Object shown = value instanceof Duration d ? d.toMillis() + "ms" : value;
      throw new IllegalArgumentException("Invalid " + key + ": " + shown + " (" + rule + ")");
    }
  }
}
