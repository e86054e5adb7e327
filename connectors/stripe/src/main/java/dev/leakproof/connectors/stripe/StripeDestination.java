package dev.leakproof.connectors.stripe;

import dev.leakproof.connectors.api.Destination;
import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.DestinationWriter;
import dev.leakproof.connectors.api.ErrorKind;
import dev.leakproof.connectors.api.WriteResult;
import dev.leakproof.connectors.api.WriteSpec;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stripe as a sync destination: usage rows become billing meter events (object
 * {@code billing.meter_event}), rows of amounts become invoice items ({@code invoiceitem}).
 * The meters the configuration names are checked to exist and be active before anything is sent.
 */
public final class StripeDestination implements Destination {

  /** The objects a sync may target. */
  public static final String METER_EVENTS = "billing.meter_event";
  public static final String INVOICE_ITEMS = "invoiceitem";

  private final StripeConfig config;
  private final StripeApi api;
  private final Clock clock;
  private Map<String, StripeApi.Meter> activeMeters;

  public StripeDestination(StripeConfig config, StripeApi api, Clock clock) {
    this.config = config;
    this.api = api;
    this.clock = clock;
  }

  public static StripeDestination connect(StripeConfig config) {
    return new StripeDestination(config, SdkStripeApi.connect(config), Clock.systemUTC());
  }

  @Override
  public String name() {
    return "stripe";
  }

  /** The account by API base and mode: a test-mode ledger never stands for live mode. */
  @Override
  public String identity() {
    return "stripe " + config.apiBase() + (config.livemode() ? " live" : " test");
  }

  public StripeApi api() {
    return api;
  }

  public StripeConfig config() {
    return config;
  }

  @Override
  public DestinationWriter open(WriteSpec spec) throws DestinationException {
    return switch (spec.object()) {
      case METER_EVENTS -> new UsageWriter(config, spec, executor(), clock);
      case INVOICE_ITEMS -> new InvoiceItemWriter(api, spec);
      default -> throw new DestinationException(ErrorKind.PERMANENT, "INVALID_OBJECT", "Cannot write Stripe object "
          + spec.object() + " (" + METER_EVENTS + " or " + INVOICE_ITEMS + ")");
    };
  }

  @Override
  public List<WriteResult> resume(WriteSpec spec, String jobId) throws DestinationException {
    throw new DestinationException(ErrorKind.STATE_UNKNOWN, "NOTHING_JOURNALED", "Job " + jobId + " has no "
        + "journaled actions to replay");
  }

  /** Replays a job's journaled actions, each idempotent; returns the rows' results. */
  @Override
  public List<WriteResult> resume(WriteSpec spec, String jobId, Map<String, String> pendingStates)
      throws DestinationException {
    if (spec.object().equals(INVOICE_ITEMS)) {
      Map<String, InvoiceItemWriter.Wanted> wanted = new LinkedHashMap<>();
      pendingStates.forEach((k, json) -> wanted.put(k, InvoiceItemWriter.Wanted.parse(json)));
      return new InvoiceItemWriter(api, spec).apply(wanted, Map.of());
    }
    Map<String, PendingUsage> pending = new LinkedHashMap<>();
    pendingStates.forEach((k, json) -> pending.put(k, PendingUsage.parse(json)));
    return executor().execute(pending, new HashSet<>());
  }

  /** The account's active billing meters by event name, read once. */
  public synchronized Map<String, StripeApi.Meter> activeMeters() throws DestinationException {
    if (activeMeters == null) {
      Map<String, StripeApi.Meter> found = new LinkedHashMap<>();
      for (StripeApi.Meter m : api.meters()) {
        if (m.active()) {
          found.put(m.eventName(), m);
        }
      }
      activeMeters = found;
    }
    return activeMeters;
  }

  /**
   * The meters of the configured metrics, each checked to exist and be active.
   *
   * @throws DestinationException (permanent) naming the metric and event name that has no meter
   */
  public Map<String, StripeApi.Meter> meters() throws DestinationException {
    Map<String, StripeApi.Meter> found = activeMeters();
    for (Map.Entry<String, String> e : config.meters().entrySet()) {
      if (!e.getValue().equalsIgnoreCase("none") && !found.containsKey(e.getValue())) {
        throw new DestinationException(ErrorKind.PERMANENT, "METER_NOT_FOUND", "Cannot bill " + e.getKey()
            + ": no active billing meter has event name " + e.getValue() + " (stripe.meters." + e.getKey() + ")");
      }
    }
    return found;
  }

  private UsageExecutor executor() throws DestinationException {
    return new UsageExecutor(api, config, meters());
  }

  @Override
  public void close() {
    api.close();
  }
}
