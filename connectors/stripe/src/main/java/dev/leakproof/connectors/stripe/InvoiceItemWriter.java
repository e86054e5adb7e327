package dev.leakproof.connectors.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.DestinationWriter;
import dev.leakproof.connectors.api.ErrorKind;
import dev.leakproof.connectors.api.SyncRecord;
import dev.leakproof.connectors.api.WriteResult;
import dev.leakproof.connectors.api.WriteSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes model rows as Stripe invoice items ({@code invoiceitem}), one per key (a seat true-up
 * per contract and month): created once, with the key in its metadata and an Idempotency-Key
 * of key and amount; looked up by that key before creating, so an interrupted run never creates
 * a second; updated when the amount or the description changes, while it is not yet invoiced.
 */
final class InvoiceItemWriter implements DestinationWriter {

  /** The sync's field names for invoice items (mappings' {@code to}). */
  static final String KEY = "item_key";
  static final String CUSTOMER = "customer";
  static final String AMOUNT = "amount";
  static final String CURRENCY = "currency";
  static final String DESCRIPTION = "description";
  static final String PERIOD_START = "period_start";
  static final String PERIOD_END = "period_end";

  private final StripeApi api;
  private final WriteSpec spec;
  private final List<SyncRecord> buffer = new ArrayList<>();

  InvoiceItemWriter(StripeApi api, WriteSpec spec) {
    this.api = api;
    this.spec = spec;
  }

  /** An item as Leakproof wants it. */
  record Wanted(String key, String customerId, long amountMinor, String currency, String description,
      Instant periodStart, Instant periodEnd) {

    static Wanted of(SyncRecord r) {
      Map<String, Object> f = r.fields();
      Object customer = f.get(CUSTOMER);
      if (customer == null || customer.toString().isBlank()) {
        throw new IllegalArgumentException("Cannot invoice " + r.key() + ": no Stripe customer for the account "
            + "(stripe.customers)");
      }
      String currency = Currencies.code(String.valueOf(f.get(CURRENCY)));
      long minor = Currencies.toMinor(new BigDecimal(String.valueOf(f.get(AMOUNT))), currency);
      return new Wanted(r.key(), customer.toString(), minor, currency, String.valueOf(f.get(DESCRIPTION)),
          day(f.get(PERIOD_START), false), day(f.get(PERIOD_END), true));
    }

    private static Instant day(Object v, boolean end) {
      if (v == null) {
        return null;
      }
      LocalDate d = LocalDate.parse(v.toString().substring(0, 10));
      return (end ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(end ? 1 : 0);
    }

    String toJson() {
      try {
        return UsageState.JSON.writeValueAsString(this);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    static Wanted parse(String json) {
      try {
        return UsageState.JSON.readValue(json, Wanted.class);
      } catch (IOException e) {
        throw new IllegalArgumentException("Invalid pending invoice item in the ledger: " + e.getMessage());
      }
    }
  }

  @Override
  public List<WriteResult> write(SyncRecord record) {
    buffer.add(record);
    return List.of();
  }

  @Override
  public List<WriteResult> flush(EndOfInput endOfInput) throws DestinationException {
    List<WriteResult> results = new ArrayList<>();
    Map<String, Wanted> wanted = new LinkedHashMap<>();
    Map<String, String> previous = new HashMap<>();
    for (SyncRecord r : buffer) {
      try {
        wanted.put(r.key(), Wanted.of(r));
        if (r.previousState() != null) {
          previous.put(r.key(), r.previousState());
        }
      } catch (IllegalArgumentException e) {
        results.add(WriteResult.rejected(r.key(), ErrorKind.ROW_INVALID, "UNBILLABLE", e.getMessage()));
      }
    }
    buffer.clear();
    if (wanted.isEmpty()) {
      return results;
    }
    Map<String, String> journal = new LinkedHashMap<>();
    wanted.forEach((k, w) -> journal.put(k, w.toJson()));
    spec.journal().submitted("items-" + System.currentTimeMillis() + "-" + wanted.size(), journal);
    results.addAll(apply(wanted, previous));
    return results;
  }

  /** Creates or updates each item; also what a resumed run does with the journaled items. */
  List<WriteResult> apply(Map<String, Wanted> wanted, Map<String, String> previous) throws DestinationException {
    List<WriteResult> results = new ArrayList<>();
    Map<String, Map<String, StripeApi.InvoiceItem>> byCustomer = new HashMap<>();
    for (Wanted w : wanted.values()) {
      try {
        StripeApi.InvoiceItem have = existing(w, previous.get(w.key()), byCustomer);
        StripeApi.InvoiceItem item;
        if (have == null) {
          item = api.createInvoiceItem(new StripeApi.NewInvoiceItem(w.customerId(), w.amountMinor(), w.currency(),
              w.description(), w.periodStart(), w.periodEnd(), Map.of("leakproof_key", w.key())),
              "lp-ii-" + w.key() + "-" + w.amountMinor());
        } else if (have.amountMinor() != w.amountMinor() || !w.description().equals(have.description())) {
          if (have.invoiceId() != null) {
            throw new DestinationException(ErrorKind.ROW_INVALID, "ALREADY_INVOICED", "Cannot change invoice item "
                + have.id() + " of " + w.key() + " to " + w.amountMinor() + ": it is on invoice " + have.invoiceId()
                + "; bill the difference by hand");
          }
          item = api.updateInvoiceItem(have.id(), w.amountMinor(), w.description(),
              "lp-ii-upd-" + w.key() + "-" + w.amountMinor() + "-" + Integer.toHexString(w.description().hashCode()));
        } else {
          item = have;
        }
        results.add(WriteResult.accepted(w.key(), have == null ? WriteResult.Change.CREATED
            : WriteResult.Change.UPDATED, item.id(), "{\"id\":\"" + item.id() + "\",\"customer\":\"" + w.customerId()
            + "\"}"));
      } catch (DestinationException e) {
        if (e.kind() != ErrorKind.ROW_INVALID) {
          throw e;
        }
        results.add(WriteResult.rejected(w.key(), ErrorKind.ROW_INVALID, e.code(), e.getMessage()));
      }
    }
    return results;
  }

  /** The item already in Stripe for this key: by the id the ledger holds, else by metadata. */
  private StripeApi.InvoiceItem existing(Wanted w, String previousState,
      Map<String, Map<String, StripeApi.InvoiceItem>> byCustomer) throws DestinationException {
    Map<String, StripeApi.InvoiceItem> items = byCustomer.get(w.customerId());
    if (items == null) {
      items = new HashMap<>();
      for (StripeApi.InvoiceItem i : api.invoiceItems(w.customerId())) {
        String key = i.metadata().get("leakproof_key");
        if (key != null) {
          items.put(key, i);
        }
      }
      byCustomer.put(w.customerId(), items);
    }
    StripeApi.InvoiceItem found = items.get(w.key());
    if (found == null && previousState != null) {
      try {
        JsonNode state = UsageState.JSON.readTree(previousState);
        String id = state.path("id").asText(null);
        found = items.values().stream().filter(i -> i.id().equals(id)).findFirst().orElse(null);
      } catch (IOException e) {
        throw new IllegalArgumentException("Invalid invoice item state in the ledger: " + previousState);
      }
    }
    return found;
  }

  @Override
  public void close() {
    buffer.clear();
  }
}
