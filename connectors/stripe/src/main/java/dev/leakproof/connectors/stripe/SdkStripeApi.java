package dev.leakproof.connectors.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.exception.TemporarySessionExpiredException;
import com.stripe.model.StripeCollection;
import com.stripe.model.billing.MeterEventSummary;
import com.stripe.model.v2.billing.MeterEventSession;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.InvoiceItemCreateParams;
import com.stripe.param.InvoiceItemListParams;
import com.stripe.param.InvoiceItemUpdateParams;
import com.stripe.param.billing.MeterCreateParams;
import com.stripe.param.billing.MeterEventAdjustmentCreateParams;
import com.stripe.param.billing.MeterEventCreateParams;
import com.stripe.param.billing.MeterEventSummaryListParams;
import com.stripe.param.billing.MeterListParams;
import com.stripe.param.v2.billing.MeterEventStreamCreateParams;
import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.ErrorKind;
import dev.leakproof.connectors.api.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

/**
 * {@link StripeApi} through the Stripe Java SDK (its own retries off: Leakproof's retry policy
 * honours Retry-After and paces every limit), against Stripe or any server at the configured
 * base URLs.
 */
public final class SdkStripeApi implements StripeApi {

  private final StripeConfig config;
  private final StripeClient client;
  private final RetryPolicy retry;
  private final RetryPolicy.Sleeper sleeper;
  private final RandomGenerator random;
  private final Clock clock;
  private final TokenBucket basic;
  private final TokenBucket meterEvents;
  private final TokenBucket streamEvents;
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private MeterEventSession session;
  private StripeClient sessionClient;

  public SdkStripeApi(StripeConfig config, RetryPolicy retry, RetryPolicy.Sleeper sleeper, RandomGenerator random,
      Clock clock) {
    this.config = config;
    this.retry = retry;
    this.sleeper = sleeper;
    this.random = random;
    this.clock = clock;
    this.client = client(config.apiKey().reveal());
    this.basic = new TokenBucket(config.limits().basicPerSecond(), TokenBucket.Ticker.SYSTEM, sleeper);
    this.meterEvents = config.limits().meterEventsOnBasic() ? basic
        : new TokenBucket(config.limits().meterEventsPerSecond(), TokenBucket.Ticker.SYSTEM, sleeper);
    this.streamEvents = new TokenBucket(config.limits().streamEventsPerSecond(), TokenBucket.Ticker.SYSTEM, sleeper);
  }

  /** The API with Leakproof's default retries (8 attempts, 0.25 s doubling to 30 s) and the real clock. */
  public static SdkStripeApi connect(StripeConfig config) {
    return new SdkStripeApi(config, new RetryPolicy(8, Duration.ofMillis(250), Duration.ofSeconds(30)),
        RetryPolicy.Sleeper.REAL, RandomGenerator.getDefault(), Clock.systemUTC());
  }

  private StripeClient client(String key) {
    int timeout = (int) config.httpTimeout().toMillis();
    return StripeClient.builder().setApiKey(key).setApiBase(config.apiBase().toString())
        .setMeterEventsBase(config.meterEventsBase().toString()).setMaxNetworkRetries(0)
        .setConnectTimeout(Math.min(timeout, 10_000)).setReadTimeout(timeout)
        .setHttpClient(new CapturingHttpClient()).build();
  }

  @FunctionalInterface
  private interface StripeCall<T> {
    T call() throws StripeException;
  }

  /** A call paced by {@code bucket}, retried on passing faults, its errors mapped. */
  private <T> T call(String what, String kind, TokenBucket bucket, double tokens, StripeCall<T> call)
      throws DestinationException {
    return retry.call(() -> {
      try {
        bucket.acquire(tokens);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DestinationException(ErrorKind.STATE_UNKNOWN, "INTERRUPTED", "Interrupted before " + what, e);
      }
      counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
      try {
        return call.call();
      } catch (StripeException e) {
        Duration retryAfter = CapturingHttpClient.lastRetryAfter();
        DestinationException d = StripeErrors.map(e, what, retryAfter);
        if (d.kind() == ErrorKind.RETRIABLE && retryAfter != null) {
          bucket.pause(retryAfter);
        }
        throw d;
      }
    }, sleeper, random, (next, wait, cause) -> { });
  }

  private static RequestOptions idempotent(String key) {
    return RequestOptions.builder().setIdempotencyKey(key).build();
  }

  @Override
  public List<Meter> meters() throws DestinationException {
    List<Meter> out = new ArrayList<>();
    String after = null;
    do {
      MeterListParams.Builder p = MeterListParams.builder().setLimit(100L);
      if (after != null) {
        p.setStartingAfter(after);
      }
      MeterListParams params = p.build();
      StripeCollection<com.stripe.model.billing.Meter> page = call("read the billing meters", "basic", basic, 1,
          () -> client.v1().billing().meters().list(params));
      for (com.stripe.model.billing.Meter m : page.getData()) {
        out.add(meter(m));
        after = m.getId();
      }
      if (!Boolean.TRUE.equals(page.getHasMore())) {
        after = null;
      }
    } while (after != null);
    return out;
  }

  private static Meter meter(com.stripe.model.billing.Meter m) {
    String customerKey = m.getCustomerMapping() == null ? "stripe_customer_id" : m.getCustomerMapping().getEventPayloadKey();
    String valueKey = m.getValueSettings() == null ? "value" : m.getValueSettings().getEventPayloadKey();
    return new Meter(m.getId(), m.getEventName(), customerKey, valueKey, "active".equals(m.getStatus()));
  }

  @Override
  public List<Customer> customers() throws DestinationException {
    List<Customer> out = new ArrayList<>();
    String after = null;
    do {
      CustomerListParams.Builder p = CustomerListParams.builder().setLimit(100L);
      if (after != null) {
        p.setStartingAfter(after);
      }
      CustomerListParams params = p.build();
      StripeCollection<com.stripe.model.Customer> page = call("read the customers", "basic", basic, 1,
          () -> client.v1().customers().list(params));
      for (com.stripe.model.Customer c : page.getData()) {
        out.add(new Customer(c.getId(), c.getName(), c.getMetadata() == null ? Map.of() : c.getMetadata()));
        after = c.getId();
      }
      if (!Boolean.TRUE.equals(page.getHasMore())) {
        after = null;
      }
    } while (after != null);
    return out;
  }

  @Override
  public String createCustomer(String name, Map<String, String> metadata, String idempotencyKey)
      throws DestinationException {
    CustomerCreateParams params = CustomerCreateParams.builder().setName(name).putAllMetadata(metadata).build();
    return call("create customer " + name, "basic", basic, 1,
        () -> client.v1().customers().create(params, idempotent(idempotencyKey))).getId();
  }

  @Override
  public Meter createMeter(String eventName, String displayName) throws DestinationException {
    MeterCreateParams params = MeterCreateParams.builder().setDisplayName(displayName).setEventName(eventName)
        .setDefaultAggregation(MeterCreateParams.DefaultAggregation.builder()
            .setFormula(MeterCreateParams.DefaultAggregation.Formula.SUM).build())
        .build();
    return meter(call("create meter " + eventName, "basic", basic, 1,
        () -> client.v1().billing().meters().create(params, idempotent("lp-meter-" + eventName))));
  }

  @Override
  public void meterEvent(MeterEvent e) throws DestinationException {
    MeterEventCreateParams params = MeterEventCreateParams.builder().setEventName(e.meter().eventName())
        .putPayload(e.meter().customerKey(), e.customerId()).putPayload(e.meter().valueKey(), Long.toString(e.value()))
        .setIdentifier(e.identifier()).setTimestamp(e.timestamp().getEpochSecond()).build();
    call("send meter event " + e.identifier(), "meter_event", meterEvents, 1, () -> {
      try {
        return client.v1().billing().meterEvents().create(params, idempotent("lp-me-" + e.identifier()));
      } catch (StripeException ex) {
        if (StripeErrors.alreadyRecorded(ex)) {
          return null;
        }
        throw ex;
      }
    });
  }

  @Override
  public void stream(List<MeterEvent> events) throws DestinationException {
    if (events.isEmpty()) {
      return;
    }
    if (events.size() > 100) {
      throw new IllegalArgumentException("Invalid stream request: " + events.size() + " events (at most 100)");
    }
    MeterEventStreamCreateParams.Builder b = MeterEventStreamCreateParams.builder();
    for (MeterEvent e : events) {
      b.addEvent(MeterEventStreamCreateParams.Event.builder().setEventName(e.meter().eventName())
          .setIdentifier(e.identifier()).putPayload(e.meter().customerKey(), e.customerId())
          .putPayload(e.meter().valueKey(), Long.toString(e.value())).setTimestamp(e.timestamp()).build());
    }
    MeterEventStreamCreateParams params = b.build();
    String key = "lp-stream-" + events.get(0).identifier() + "-" + events.size() + "-"
        + Integer.toHexString(events.stream().map(MeterEvent::identifier).toList().hashCode());
    if (!config.livemode()) {
      acquireQuietly(basic, 1);
    }
    for (int renewals = 0; ; renewals++) {
      StripeClient stream = sessionClient();
      try {
        call("stream " + events.size() + " meter events", "stream", streamEvents, events.size(), () -> {
          stream.v2().billing().meterEventStream().create(params, idempotent(key));
          return null;
        });
        return;
      } catch (DestinationException e) {
        if (!(e.getCause() instanceof TemporarySessionExpiredException) || renewals > 0) {
          throw e;
        }
        synchronized (this) {
          session = null;
        }
      }
    }
  }

  private void acquireQuietly(TokenBucket bucket, double n) throws DestinationException {
    try {
      bucket.acquire(n);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DestinationException(ErrorKind.STATE_UNKNOWN, "INTERRUPTED", "Interrupted while pacing", e);
    }
  }

  /** The stream's client, on a meter event session renewed a minute before it expires. */
  private synchronized StripeClient sessionClient() throws DestinationException {
    Instant now = clock.instant();
    if (session == null || session.getExpiresAt() == null || !now.isBefore(session.getExpiresAt().minusSeconds(60))) {
      session = call("open a meter event session", "basic", basic, 1,
          () -> client.v2().billing().meterEventSession().create());
      sessionClient = client(session.getAuthenticationToken());
    }
    return sessionClient;
  }

  @Override
  public void cancel(Meter meter, String identifier) throws DestinationException {
    MeterEventAdjustmentCreateParams params = MeterEventAdjustmentCreateParams.builder()
        .setEventName(meter.eventName()).setType(MeterEventAdjustmentCreateParams.Type.CANCEL)
        .setCancel(MeterEventAdjustmentCreateParams.Cancel.builder().setIdentifier(identifier).build()).build();
    call("cancel meter event " + identifier, "basic", basic, 1, () -> {
      try {
        return client.v1().billing().meterEventAdjustments().create(params, idempotent("lp-cancel-" + identifier));
      } catch (StripeException ex) {
        if (StripeErrors.alreadyCancelled(ex)) {
          return null;
        }
        throw ex;
      }
    });
  }

  @Override
  public InvoiceItem createInvoiceItem(NewInvoiceItem item, String idempotencyKey) throws DestinationException {
    InvoiceItemCreateParams.Builder b = InvoiceItemCreateParams.builder().setCustomer(item.customerId())
        .setAmount(item.amountMinor()).setCurrency(item.currency()).setDescription(item.description())
        .putAllMetadata(item.metadata());
    if (item.periodStart() != null && item.periodEnd() != null) {
      b.setPeriod(InvoiceItemCreateParams.Period.builder().setStart(item.periodStart().getEpochSecond())
          .setEnd(item.periodEnd().getEpochSecond()).build());
    }
    InvoiceItemCreateParams params = b.build();
    return invoiceItem(call("create an invoice item for " + item.customerId(), "basic", basic, 1,
        () -> client.v1().invoiceItems().create(params, idempotent(idempotencyKey))));
  }

  @Override
  public InvoiceItem updateInvoiceItem(String id, long amountMinor, String description, String idempotencyKey)
      throws DestinationException {
    InvoiceItemUpdateParams params = InvoiceItemUpdateParams.builder().setAmount(amountMinor)
        .setDescription(description).build();
    return invoiceItem(call("update invoice item " + id, "basic", basic, 1,
        () -> client.v1().invoiceItems().update(id, params, idempotent(idempotencyKey))));
  }

  @Override
  public List<InvoiceItem> invoiceItems(String customerId) throws DestinationException {
    List<InvoiceItem> out = new ArrayList<>();
    String after = null;
    do {
      InvoiceItemListParams.Builder p = InvoiceItemListParams.builder().setCustomer(customerId).setLimit(100L);
      if (after != null) {
        p.setStartingAfter(after);
      }
      InvoiceItemListParams params = p.build();
      StripeCollection<com.stripe.model.InvoiceItem> page = call("read the invoice items of " + customerId, "basic",
          basic, 1, () -> client.v1().invoiceItems().list(params));
      for (com.stripe.model.InvoiceItem i : page.getData()) {
        out.add(invoiceItem(i));
        after = i.getId();
      }
      if (!Boolean.TRUE.equals(page.getHasMore())) {
        after = null;
      }
    } while (after != null);
    return out;
  }

  private static InvoiceItem invoiceItem(com.stripe.model.InvoiceItem i) {
    return new InvoiceItem(i.getId(), i.getCustomer(), i.getAmount() == null ? 0 : i.getAmount(), i.getCurrency(),
        i.getDescription(), i.getInvoice(), i.getMetadata() == null ? Map.of() : new LinkedHashMap<>(i.getMetadata()));
  }

  @Override
  public Map<LocalDate, Long> dailyTotals(Meter meter, String customerId, LocalDate from, LocalDate to)
      throws DestinationException {
    Map<LocalDate, Long> totals = new TreeMap<>();
    String after = null;
    do {
      MeterEventSummaryListParams.Builder p = MeterEventSummaryListParams.builder().setCustomer(customerId)
          .setStartTime(from.atStartOfDay(ZoneOffset.UTC).toEpochSecond())
          .setEndTime(to.atStartOfDay(ZoneOffset.UTC).toEpochSecond())
          .setValueGroupingWindow(MeterEventSummaryListParams.ValueGroupingWindow.DAY).setLimit(100L);
      if (after != null) {
        p.setStartingAfter(after);
      }
      MeterEventSummaryListParams params = p.build();
      StripeCollection<MeterEventSummary> page = call("read the " + meter.eventName() + " summaries of " + customerId,
          "basic", basic, 1, () -> client.v1().billing().meters().eventSummaries().list(meter.id(), params));
      for (MeterEventSummary s : page.getData()) {
        LocalDate day = Instant.ofEpochSecond(s.getStartTime()).atZone(ZoneOffset.UTC).toLocalDate();
        totals.merge(day, s.getAggregatedValue().setScale(0, java.math.RoundingMode.HALF_UP).longValueExact(),
            Long::sum);
        after = s.getId();
      }
      if (!Boolean.TRUE.equals(page.getHasMore())) {
        after = null;
      }
    } while (after != null);
    return totals;
  }

  @Override
  public Map<String, Long> requestCounts() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  @Override
  public void close() {}
}
