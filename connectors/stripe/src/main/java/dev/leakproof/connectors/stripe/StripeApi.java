package dev.leakproof.connectors.stripe;

import dev.leakproof.connectors.api.DestinationException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The Stripe calls the destination makes. {@link SdkStripeApi} makes them with the Stripe Java
 * SDK, paced to the rate limits, each POST with an Idempotency-Key, retried on passing faults.
 */
public interface StripeApi extends AutoCloseable {

  /** A billing meter: which payload keys carry the customer and the value. */
  record Meter(String id, String eventName, String customerKey, String valueKey, boolean active) {}

  /** A customer and its metadata. */
  record Customer(String id, String name, Map<String, String> metadata) {}

  /** A meter event to record. */
  record MeterEvent(Meter meter, String identifier, String customerId, long value, Instant timestamp) {}

  /** An invoice item as Stripe has it. */
  record InvoiceItem(String id, String customerId, long amountMinor, String currency, String description,
      String invoiceId, Map<String, String> metadata) {}

  /** An invoice item to create: amount in minor units (negative for a credit). */
  record NewInvoiceItem(String customerId, long amountMinor, String currency, String description,
      Instant periodStart, Instant periodEnd, Map<String, String> metadata) {}

  List<Meter> meters() throws DestinationException;

  List<Customer> customers() throws DestinationException;

  String createCustomer(String name, Map<String, String> metadata, String idempotencyKey) throws DestinationException;

  Meter createMeter(String eventName, String displayName) throws DestinationException;

  /** Records one event (v1); an event Stripe already has with that identifier counts as recorded. */
  void meterEvent(MeterEvent event) throws DestinationException;

  /** Sends up to 100 events through the v2 stream (asynchronous: Stripe validates them later). */
  void stream(List<MeterEvent> events) throws DestinationException;

  /** Cancels an event (within 24 hours of its creation); one already cancelled counts as cancelled. */
  void cancel(Meter meter, String identifier) throws DestinationException;

  InvoiceItem createInvoiceItem(NewInvoiceItem item, String idempotencyKey) throws DestinationException;

  InvoiceItem updateInvoiceItem(String id, long amountMinor, String description, String idempotencyKey)
      throws DestinationException;

  /** The customer's invoice items (every page). */
  List<InvoiceItem> invoiceItems(String customerId) throws DestinationException;

  /** The meter's daily totals for a customer over [from, to), by UTC day. */
  Map<LocalDate, Long> dailyTotals(Meter meter, String customerId, LocalDate from, LocalDate to)
      throws DestinationException;

  /** Requests made so far, by kind (for the benchmark): basic, meter_event, stream. */
  Map<String, Long> requestCounts();

  @Override
  void close();
}
