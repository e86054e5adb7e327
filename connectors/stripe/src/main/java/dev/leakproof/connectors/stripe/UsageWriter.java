package dev.leakproof.connectors.stripe;

import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.DestinationWriter;
import dev.leakproof.connectors.api.ErrorKind;
import dev.leakproof.connectors.api.SyncRecord;
import dev.leakproof.connectors.api.WriteResult;
import dev.leakproof.connectors.api.WriteSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes usage rows to Stripe ({@code billing.meter_event}) in chunks of {@value #CHUNK} rows: each
 * chunk's rows are routed against what their ledger state says Stripe was sent, the actions are
 * journaled (a resumed run replays them), then carried out by {@link UsageExecutor} on a sender
 * thread while the next chunk is routed and journaled and the finished chunks' results go back to
 * the engine. The journal is always written on the caller's thread, before its chunk is sent.
 */
final class UsageWriter implements DestinationWriter {

  static final int CHUNK = 5_000;
  private static final int IN_FLIGHT = 2;
  private static final AtomicLong JOBS = new AtomicLong();

  private final WriteSpec spec;
  private final StripeConfig config;
  private final UsageRouter router;
  private final UsageExecutor executor;
  private final Clock clock;
  private final List<SyncRecord> buffer = new ArrayList<>();
  private final List<WriteResult> ready = new ArrayList<>();
  private final Deque<Future<List<WriteResult>>> inFlight = new ArrayDeque<>();
  private ExecutorService sender;

  UsageWriter(StripeConfig config, WriteSpec spec, UsageExecutor executor, Clock clock) {
    this.config = config;
    this.spec = spec;
    this.router = new UsageRouter(config.cancelMargin(), config.timestampMargin());
    this.executor = executor;
    this.clock = clock;
  }

  @Override
  public List<WriteResult> write(SyncRecord record) throws DestinationException {
    buffer.add(record);
    if (buffer.size() >= CHUNK) {
      submit();
    }
    return collect(false);
  }

  @Override
  public List<WriteResult> flush(EndOfInput endOfInput) throws DestinationException {
    submit();
    return collect(true);
  }

  /** Routes and journals the buffered rows, then hands their actions to the sender thread. */
  private void submit() throws DestinationException {
    if (buffer.isEmpty()) {
      return;
    }
    Map<String, PendingUsage> pending = new LinkedHashMap<>();
    Set<String> created = new HashSet<>();
    Instant now = clock.instant();
    for (SyncRecord r : buffer) {
      try {
        UsageRow row = row(r);
        UsageRouter.Routing routing = router.route(row, UsageState.parse(r.previousState()), now);
        if (r.previousState() == null) {
          created.add(r.key());
        }
        if (routing.actions().isEmpty()) {
          ready.add(WriteResult.accepted(r.key(), WriteResult.Change.UPDATED, r.destinationId(),
              routing.after().toJson()));
        } else {
          pending.put(r.key(), new PendingUsage(routing.actions(), routing.after()));
        }
      } catch (IllegalArgumentException e) {
        ready.add(WriteResult.rejected(r.key(), ErrorKind.ROW_INVALID, "UNBILLABLE", e.getMessage()));
      }
    }
    buffer.clear();
    if (pending.isEmpty()) {
      return;
    }
    Map<String, String> journal = new LinkedHashMap<>();
    pending.forEach((k, p) -> journal.put(k, p.toJson()));
    spec.journal().submitted("usage-" + now.toEpochMilli() + "-" + JOBS.incrementAndGet(), journal);
    while (inFlight.size() >= IN_FLIGHT) {
      ready.addAll(await(inFlight.removeFirst()));
    }
    if (sender == null) {
      sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stripe-usage-sender");
        t.setDaemon(true);
        return t;
      });
    }
    inFlight.addLast(sender.submit(() -> executor.execute(pending, created)));
  }

  /** The results ready so far; with {@code all}, after waiting for every chunk in flight. */
  private List<WriteResult> collect(boolean all) throws DestinationException {
    while (!inFlight.isEmpty() && (all || inFlight.peekFirst().isDone())) {
      ready.addAll(await(inFlight.removeFirst()));
    }
    List<WriteResult> out = new ArrayList<>(ready);
    ready.clear();
    return out;
  }

  private List<WriteResult> await(Future<List<WriteResult>> chunk) throws DestinationException {
    try {
      return chunk.get();
    } catch (ExecutionException e) {
      inFlight.forEach(f -> f.cancel(true));
      inFlight.clear();
      if (e.getCause() instanceof DestinationException d) {
        throw d;
      }
      throw new DestinationException(ErrorKind.STATE_UNKNOWN, "SENDER_FAILED", "Cannot send usage: "
          + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DestinationException(ErrorKind.STATE_UNKNOWN, "INTERRUPTED", "Interrupted while sending usage", e);
    }
  }

  private UsageRow row(SyncRecord r) {
    Object metric = r.fields().get(UsageRow.METRIC);
    String eventName = metric == null ? null : config.meterFor(metric.toString()).orElseThrow(
        () -> new IllegalArgumentException("Cannot bill usage " + r.key() + ": metric " + metric + " has no billing "
            + "meter (stripe.meters." + metric + ")"));
    return UsageRow.of(r.key(), r.fields(), eventName);
  }

  @Override
  public void close() {
    buffer.clear();
    inFlight.forEach(f -> f.cancel(true));
    inFlight.clear();
    if (sender != null) {
      sender.shutdownNow();
    }
  }
}
