package dev.leakproof.connectors.stripe;

import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.ErrorKind;
import dev.leakproof.connectors.api.WriteResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries out the routed actions of many usage rows: cancellations first, then the meter events
 * (through the v2 stream, 100 a request, or v1 one at a time), then invoice items (each looked up
 * by its key first, so one created by an earlier, interrupted run is not created again). A row
 * whose own action Stripe refuses is rejected with the reason; a fault of the whole call is thrown.
 */
final class UsageExecutor {

  private final StripeApi api;
  private final StripeConfig config;
  private final Map<String, StripeApi.Meter> metersByEvent;

  UsageExecutor(StripeApi api, StripeConfig config, Map<String, StripeApi.Meter> metersByEvent) {
    this.api = api;
    this.config = config;
    this.metersByEvent = metersByEvent;
  }

  /**
   * Executes each row's pending actions and returns one result per row: accepted with its state
   * after, or rejected with why.
   *
   * @param created keys of rows Stripe has never been sent anything for
   */
  List<WriteResult> execute(Map<String, PendingUsage> pending, java.util.Set<String> created)
      throws DestinationException {
    Map<String, WriteResult> failed = new LinkedHashMap<>();
    for (Map.Entry<String, PendingUsage> row : pending.entrySet()) {
      for (UsageAction a : row.getValue().actions()) {
        if (a instanceof UsageAction.CancelEvent c && !failed.containsKey(row.getKey())) {
          try {
            api.cancel(meter(c.eventName()), c.identifier());
          } catch (DestinationException e) {
            rowFailure(failed, row.getKey(), e);
          }
        }
      }
    }
    List<Map.Entry<String, UsageAction.SendEvent>> events = new ArrayList<>();
    pending.forEach((key, p) -> p.actions().stream().filter(a -> a instanceof UsageAction.SendEvent)
        .filter(a -> !failed.containsKey(key)).forEach(a -> events.add(Map.entry(key, (UsageAction.SendEvent) a))));
    boolean stream = config.transport() == StripeConfig.Transport.V2
        || (config.transport() == StripeConfig.Transport.AUTO && events.size() >= config.streamThreshold());
    if (stream) {
      for (int from = 0; from < events.size(); from += 100) {
        api.stream(events.subList(from, Math.min(events.size(), from + 100)).stream()
            .map(e -> event(e.getValue())).toList());
      }
    } else {
      for (Map.Entry<String, UsageAction.SendEvent> e : events) {
        try {
          api.meterEvent(event(e.getValue()));
        } catch (DestinationException ex) {
          rowFailure(failed, e.getKey(), ex);
        }
      }
    }
    Map<String, List<StripeApi.InvoiceItem>> existing = new HashMap<>();
    for (Map.Entry<String, PendingUsage> row : pending.entrySet()) {
      for (UsageAction a : row.getValue().actions()) {
        if (a instanceof UsageAction.CreateItem item && !failed.containsKey(row.getKey())) {
          try {
            createOnce(item, existing);
          } catch (DestinationException e) {
            rowFailure(failed, row.getKey(), e);
          }
        }
      }
    }
    List<WriteResult> results = new ArrayList<>();
    pending.forEach((key, p) -> {
      WriteResult f = failed.get(key);
      results.add(f != null ? f : WriteResult.accepted(key, created.contains(key) ? WriteResult.Change.CREATED
          : WriteResult.Change.UPDATED, lastId(p), p.after().toJson()));
    });
    return results;
  }

  private void createOnce(UsageAction.CreateItem item, Map<String, List<StripeApi.InvoiceItem>> existing)
      throws DestinationException {
    List<StripeApi.InvoiceItem> items = existing.get(item.customerId());
    if (items == null) {
      items = api.invoiceItems(item.customerId());
      existing.put(item.customerId(), items);
    }
    if (items.stream().anyMatch(i -> item.key().equals(i.metadata().get("leakproof_key")))) {
      return;
    }
    api.createInvoiceItem(new StripeApi.NewInvoiceItem(item.customerId(), item.amountMinor(), item.currency(),
        item.description(), item.periodStart(), item.periodEnd(), Map.of("leakproof_key", item.key())),
        "lp-ii-" + item.key());
  }

  private StripeApi.MeterEvent event(UsageAction.SendEvent e) {
    return new StripeApi.MeterEvent(meter(e.eventName()), e.identifier(), e.customerId(), e.value(), e.timestamp());
  }

  private StripeApi.Meter meter(String eventName) throws IllegalStateException {
    StripeApi.Meter m = metersByEvent.get(eventName);
    if (m == null) {
      throw new IllegalStateException("Cannot send usage: no active billing meter has event name " + eventName);
    }
    return m;
  }

  /** A row-level refusal rejects the row; anything else stops the batch. */
  private static void rowFailure(Map<String, WriteResult> failed, String key, DestinationException e)
      throws DestinationException {
    if (e.kind() != ErrorKind.ROW_INVALID) {
      throw e;
    }
    failed.put(key, WriteResult.rejected(key, ErrorKind.ROW_INVALID, e.code(), e.getMessage()));
  }

  private static String lastId(PendingUsage p) {
    String id = null;
    for (UsageAction a : p.actions()) {
      if (a instanceof UsageAction.SendEvent s) {
        id = s.identifier();
      } else if (a instanceof UsageAction.CreateItem i) {
        id = i.key();
      }
    }
    if (id == null && !p.after().events().isEmpty()) {
      id = p.after().events().get(p.after().events().size() - 1).id();
    }
    return id;
  }
}
