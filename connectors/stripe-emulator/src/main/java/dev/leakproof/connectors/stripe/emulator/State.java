package dev.leakproof.connectors.stripe.emulator;

import java.time.Duration;

/** Everything the API handlers share: the clock, the account's mode and the stores. */
final class State {

  final EmulatorClock clock;
  final boolean livemode;
  final long summaryDelayNanos;
  final Registry<CustomerSnapshot> customers = new Registry<>("customer");
  final MeterStore meters = new MeterStore();
  final EventStore events = new EventStore();
  final Registry<InvoiceItemSnapshot> invoiceItems = new Registry<>("invoiceitem");
  final SessionStore sessions;
  final EventValidator validator;

  State(EmulatorClock clock, boolean livemode, Duration summaryDelay) {
    this.clock = clock;
    this.livemode = livemode;
    this.summaryDelayNanos = summaryDelay.toNanos();
    this.sessions = new SessionStore(clock, livemode);
    this.validator = new EventValidator(meters, customers);
  }

  /** Whether an adjustment made at {@code createdNanos} shows in summaries yet. */
  boolean reflected(long createdNanos) {
    return System.nanoTime() - createdNanos >= summaryDelayNanos;
  }

  void clear() {
    customers.clear();
    meters.clear();
    events.clear();
    invoiceItems.clear();
    sessions.clear();
  }
}
