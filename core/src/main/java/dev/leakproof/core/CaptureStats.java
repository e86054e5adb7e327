package dev.leakproof.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Hygiene counters of one event stream. Every line read is exactly one of accepted, duplicate or
 * quarantined; the capture rate leaves duplicates out of both sides.
 *
 * @param read lines read from the stream's files
 * @param accepted lines accepted (corrections included)
 * @param duplicates exact re-sends of an event id, dropped and counted
 * @param quarantinedByReason quarantined lines per reason code, sorted by code
 */
public record CaptureStats(long read, long accepted, long duplicates, Map<String, Long> quarantinedByReason) {

  public CaptureStats {
    Objects.requireNonNull(quarantinedByReason, "quarantinedByReason");
    quarantinedByReason = Collections.unmodifiableSortedMap(new TreeMap<>(quarantinedByReason));
    long quarantined = quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
    if (read != accepted + duplicates + quarantined) {
      throw new IllegalArgumentException(
          "Invalid capture counts: read " + read + " != accepted " + accepted + " + duplicates "
              + duplicates + " + quarantined " + quarantined);
    }
  }

  /** Lines quarantined, all reasons. */
  public long quarantined() {
    return quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  /** accepted / (accepted + quarantined); 1 when the stream had nothing but duplicates or nothing. */
  public double captureRate() {
    long denominator = accepted + quarantined();
    return denominator == 0 ? 1.0 : (double) accepted / denominator;
  }

  /** The capture rate as an exact decimal, for reports that print it with a fixed precision. */
  public BigDecimal captureRateExact() {
    long denominator = accepted + quarantined();
    return denominator == 0
        ? BigDecimal.ONE
        : BigDecimal.valueOf(accepted).divide(BigDecimal.valueOf(denominator), MathContext.DECIMAL64);
  }
}
