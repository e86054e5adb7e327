package dev.leakproof.connectors.salesforce.emulator;

import java.util.concurrent.atomic.AtomicLong;

/** The org's daily API request count against its budget, reported in {@code Sforce-Limit-Info}. */
final class ApiUsage {

  private final long budget;
  private final AtomicLong used = new AtomicLong();

  ApiUsage(long budget) {
    this.budget = budget;
  }

  /** Counts one request, or returns false (counting nothing) when the budget is spent. */
  boolean tryAcquire() {
    while (true) {
      long now = used.get();
      if (now >= budget) {
        return false;
      }
      if (used.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  long used() {
    return used.get();
  }

  long budget() {
    return budget;
  }

  void reset() {
    used.set(0);
  }

  String header() {
    return "api-usage=" + used.get() + "/" + budget;
  }
}
