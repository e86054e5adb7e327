package dev.leakproof.pipelines.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The contract of an event record on the event topics, shared by the collector that writes them
 * and the continuous job that reads them. The value is the event's JSON text exactly as the client
 * sent it (UTF-8); the key is the account the event's workspace belongs to (else the workspace id,
 * else the event id), so one account's events keep their order in one partition. Headers:
 * <ul>
 *   <li>{@value #SEQ}: the arrival sequence, 8 bytes big-endian: {@link #sequence} of the instant
 *       the collector took the event and the collector's replica id; strictly increasing per
 *       collector, so increasing along each partition;
 *   <li>{@value #COLLECTED_AT}: that instant, microseconds since the epoch, 8 bytes big-endian;
 *   <li>{@value #SOURCE}: the name of the API key's source (UTF-8);
 *   <li>{@value #REQUEST}: the collector's id of the HTTP request (UTF-8), and {@value #INDEX}
 *       the event's index in it (4 bytes big-endian).
 * </ul>
 */
public final class EventHeaders {

  public static final String SEQ = "lp-seq";
  public static final String COLLECTED_AT = "lp-collected-at";
  public static final String SOURCE = "lp-source";
  public static final String REQUEST = "lp-request";
  public static final String INDEX = "lp-index";
  /**
   * Marks a heartbeat: a record without an event that a collector writes to every partition it
   * has not written to for a while, with its current sequence, so the job's watermark moves on
   * and the last events before a quiet spell are not held back. Its value is empty.
   */
  public static final String HEARTBEAT = "lp-heartbeat";

  /** Bits of a sequence below the microseconds: the collector's replica id. */
  public static final int REPLICA_BITS = 4;
  /** Replica ids a deployment may give its collectors: 0 .. 15. */
  public static final int MAX_REPLICAS = 1 << REPLICA_BITS;

  private EventHeaders() {}

  /** The arrival sequence of an event taken at {@code micros} by collector {@code replica}. */
  public static long sequence(long micros, int replica) {
    if (replica < 0 || replica >= MAX_REPLICAS) {
      throw new IllegalArgumentException("Invalid collector.replica-id: " + replica + " (0.." + (MAX_REPLICAS - 1) + ")");
    }
    return (micros << REPLICA_BITS) | replica;
  }

  /** The microseconds of a sequence written by {@link #sequence}. */
  public static long micros(long sequence) {
    return sequence >> REPLICA_BITS;
  }

  public static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  public static byte[] longBytes(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  public static byte[] intBytes(int v) {
    return ByteBuffer.allocate(4).putInt(v).array();
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A long header, or {@code otherwise} when absent or not 8 bytes. */
  public static long longHeader(Headers headers, String name, long otherwise) {
    Header h = headers.lastHeader(name);
    return h == null || h.value() == null || h.value().length != 8 ? otherwise : ByteBuffer.wrap(h.value()).getLong();
  }

  /** An int header, or {@code otherwise} when absent or not 4 bytes. */
  public static int intHeader(Headers headers, String name, int otherwise) {
    Header h = headers.lastHeader(name);
    return h == null || h.value() == null || h.value().length != 4 ? otherwise : ByteBuffer.wrap(h.value()).getInt();
  }

  /** A text header, or null when absent. */
  public static String textHeader(Headers headers, String name) {
    Header h = headers.lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
