package dev.leakproof.pipelines.hygiene;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lines read so far by the decode operators of a job running in this JVM (a local MiniCluster),
 * for a progress bar. Flink's accumulators only report once a job ends; on a cluster the job's
 * metrics serve instead, and these counters stay in the task managers, unused.
 */
public final class LocalProgress {

  private static final ConcurrentHashMap<String, AtomicLong> COUNTERS = new ConcurrentHashMap<>();

  private LocalProgress() {}

  public static AtomicLong counter(String key) {
    return COUNTERS.computeIfAbsent(key, k -> new AtomicLong());
  }

  public static void remove(String key) {
    COUNTERS.remove(key);
  }
}
