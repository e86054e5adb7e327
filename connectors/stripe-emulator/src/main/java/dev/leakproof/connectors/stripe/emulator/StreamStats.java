package dev.leakproof.connectors.stripe.emulator;

import java.time.Duration;
import java.time.Instant;

/**
 * What the v2 meter event stream has accepted since start or reset, for benchmarks.
 *
 * @param requests stream requests answered 202
 * @param events events in those requests
 * @param stored events stored (valid and not duplicates)
 * @param duplicates events dropped as identifier duplicates
 * @param invalid events dropped as invalid (see {@link StripeEmulator#meterEventErrors()})
 * @param first wall-clock time of the first accepted request, or null
 * @param last wall-clock time of the latest accepted request, or null
 */
public record StreamStats(long requests, long events, long stored, long duplicates, long invalid, Instant first, Instant last) {

  /** Accepted events per second between the first and the latest request; 0 before two requests. */
  public double eventsPerSecond() {
    if (first == null || last == null || !last.isAfter(first)) {
      return 0;
    }
    return events * 1e9 / Duration.between(first, last).toNanos();
  }
}
