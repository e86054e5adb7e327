package dev.leakproof.connectors.stripe.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** API requests received per path, whatever their outcome (401, 429 and injected faults included). */
final class RequestCounter {

  private final Map<String, LongAdder> byPath = new ConcurrentHashMap<>();

  void record(String path) {
    byPath.computeIfAbsent(path, p -> new LongAdder()).increment();
  }

  long count(String prefix) {
    long n = 0;
    for (Map.Entry<String, LongAdder> e : byPath.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        n += e.getValue().sum();
      }
    }
    return n;
  }

  void clear() {
    byPath.clear();
  }
}
