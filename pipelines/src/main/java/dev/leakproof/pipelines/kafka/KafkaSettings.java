package dev.leakproof.pipelines.kafka;

import dev.leakproof.core.EventStream;
import dev.leakproof.core.Secret;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Where the event topics are and how to reach them: the bootstrap servers, the two topics with
 * their partition count, and the security settings, which come from the environment only
 * ({@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_USERNAME},
 * {@code KAFKA_SASL_PASSWORD}, {@code KAFKA_SSL_TRUSTSTORE_LOCATION},
 * {@code KAFKA_SSL_TRUSTSTORE_PASSWORD}). {@link #describe()} masks the secrets.
 *
 * @param bootstrapServers {@code kafka.bootstrap-servers}: host:port[,host:port...]
 * @param usageTopic {@code kafka.topics.usage}
 * @param seatTopic {@code kafka.topics.seats}
 * @param partitions {@code kafka.topics.partitions}: partitions of a topic Leakproof creates
 * @param replicationFactor {@code kafka.topics.replication-factor}
 */
public record KafkaSettings(
    String bootstrapServers,
    String usageTopic,
    String seatTopic,
    int partitions,
    short replicationFactor,
    Security security) {

  private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
  private static final Set<String> MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

  public KafkaSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()
        || !bootstrapServers.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d+(,[A-Za-z0-9.\\-\\[\\]:]+:\\d+)*")) {
      throw new IllegalArgumentException("Invalid kafka.bootstrap-servers: '" + bootstrapServers
          + "' (host:port[,host:port...])");
    }
    requireTopic("kafka.topics.usage", usageTopic);
    requireTopic("kafka.topics.seats", seatTopic);
    if (usageTopic.equals(seatTopic)) {
      throw new IllegalArgumentException("Invalid kafka.topics: usage and seat events need two topics, both are '"
          + usageTopic + "'");
    }
    if (partitions < 1 || partitions > 1024) {
      throw new IllegalArgumentException("Invalid kafka.topics.partitions: " + partitions + " (1..1024)");
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("Invalid kafka.topics.replication-factor: " + replicationFactor);
    }
    Objects.requireNonNull(security, "security");
  }

  private static void requireTopic(String key, String topic) {
    if (topic == null || !topic.matches("[A-Za-z0-9._\\-]{1,249}")) {
      throw new IllegalArgumentException("Invalid " + key + ": '" + topic + "' (letters, digits, '.', '_', '-')");
    }
  }

  /** The local defaults: one broker on 127.0.0.1:9092, topics usage_events and seat_events of 4 partitions. */
  public static KafkaSettings local(String bootstrapServers) {
    return new KafkaSettings(bootstrapServers, "usage_events", "seat_events", 4, (short) 1, Security.NONE);
  }

  /** The topic of a stream. */
  public String topic(EventStream stream) {
    return stream == EventStream.USAGE ? usageTopic : seatTopic;
  }

  /** Client properties every Kafka client of Leakproof starts from: servers and security. */
  public Properties clientProperties() {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrapServers);
    p.putAll(security.properties());
    return p;
  }

  /** The settings in force, secrets masked. */
  public String describe() {
    return "kafka.bootstrap-servers=" + bootstrapServers + "\n"
        + "kafka.topics.usage=" + usageTopic + "\n"
        + "kafka.topics.seats=" + seatTopic + "\n"
        + "kafka.topics.partitions=" + partitions + "\n"
        + "kafka.topics.replication-factor=" + replicationFactor + "\n"
        + security.describe();
  }

  /**
   * TLS and SASL settings, from the environment.
   *
   * @param protocol PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
   * @param saslMechanism PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (SASL only)
   */
  public record Security(String protocol, String saslMechanism, String saslUsername, Secret saslPassword,
      String truststoreLocation, Secret truststorePassword) {

    public static final Security NONE = new Security("PLAINTEXT", null, null, null, null, null);

    public Security {
      if (!PROTOCOLS.contains(protocol)) {
        throw new IllegalArgumentException("Invalid KAFKA_SECURITY_PROTOCOL: '" + protocol + "' (" + PROTOCOLS + ")");
      }
      if (protocol.startsWith("SASL_")) {
        if (saslMechanism == null || !MECHANISMS.contains(saslMechanism)) {
          throw new IllegalArgumentException("Invalid KAFKA_SASL_MECHANISM: '" + saslMechanism + "' (" + MECHANISMS
              + ")");
        }
        if (saslUsername == null || saslUsername.isBlank() || saslPassword == null) {
          throw new IllegalArgumentException("Cannot use " + protocol
              + ": KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD must be set in the environment");
        }
      }
    }

    /** Reads the security settings from the environment. */
    public static Security fromEnv(Map<String, String> env) {
      String protocol = env.getOrDefault("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT").trim().toUpperCase(Locale.ROOT);
      String password = env.get("KAFKA_SASL_PASSWORD");
      String trustPassword = env.get("KAFKA_SSL_TRUSTSTORE_PASSWORD");
      String mechanism = env.get("KAFKA_SASL_MECHANISM");
      return new Security(protocol, mechanism == null ? null : mechanism.trim().toUpperCase(Locale.ROOT),
          env.get("KAFKA_SASL_USERNAME"),
          password == null || password.isBlank() ? null : Secret.of(password),
          env.get("KAFKA_SSL_TRUSTSTORE_LOCATION"),
          trustPassword == null || trustPassword.isBlank() ? null : Secret.of(trustPassword));
    }

    Map<String, String> properties() {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("security.protocol", protocol);
      if (protocol.startsWith("SASL_")) {
        p.put("sasl.mechanism", saslMechanism);
        String module = saslMechanism.equals("PLAIN")
            ? "org.apache.kafka.common.security.plain.PlainLoginModule"
            : "org.apache.kafka.common.security.scram.ScramLoginModule";
        p.put("sasl.jaas.config", module + " required username=\"" + escape(saslUsername) + "\" password=\""
            + escape(saslPassword.reveal()) + "\";");
      }
      if (truststoreLocation != null && !truststoreLocation.isBlank()) {
        p.put("ssl.truststore.location", truststoreLocation);
        if (truststorePassword != null) {
          p.put("ssl.truststore.password", truststorePassword.reveal());
        }
      }
      return p;
    }

    private static String escape(String s) {
      return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    public String describe() {
      StringBuilder b = new StringBuilder("KAFKA_SECURITY_PROTOCOL=" + protocol + "\n");
      if (saslMechanism != null) {
        b.append("KAFKA_SASL_MECHANISM=").append(saslMechanism).append('\n');
      }
      if (saslUsername != null) {
        b.append("KAFKA_SASL_USERNAME=").append(saslUsername).append('\n');
      }
      if (saslPassword != null) {
        b.append("KAFKA_SASL_PASSWORD=****\n");
      }
      if (truststoreLocation != null) {
        b.append("KAFKA_SSL_TRUSTSTORE_LOCATION=").append(truststoreLocation).append('\n');
      }
      if (truststorePassword != null) {
        b.append("KAFKA_SSL_TRUSTSTORE_PASSWORD=****\n");
      }
      return b.toString();
    }

    @Override
    public String toString() {
      return describe();
    }
  }
}
