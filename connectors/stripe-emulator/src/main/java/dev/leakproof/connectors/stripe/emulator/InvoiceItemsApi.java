package dev.leakproof.connectors.stripe.emulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Invoice items: create, update, retrieve, list and delete, shaped like Stripe's {@code invoiceitem}
 * (and {@code deleted_invoiceitem}). The emulator issues no invoices, so every item stays pending
 * ({@code invoice: null}) and can always be updated or deleted.
 */
final class InvoiceItemsApi {

  static final String PATH = "/v1/invoiceitems";

  private final State state;

  InvoiceItemsApi(State state) {
    this.state = state;
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", PATH, Route.Auth.SECRET_KEY, RateLimiter.Bucket.BASIC, this::create),
        Route.of("POST", PATH + "/{id}", Route.Auth.SECRET_KEY, RateLimiter.Bucket.BASIC, this::update),
        Route.of("GET", PATH + "/{id}", Route.Auth.SECRET_KEY, RateLimiter.Bucket.BASIC, r -> Response.ok(json(require(r)))),
        Route.of("DELETE", PATH + "/{id}", Route.Auth.SECRET_KEY, RateLimiter.Bucket.BASIC, this::delete),
        Route.of("GET", PATH, Route.Auth.SECRET_KEY, RateLimiter.Bucket.BASIC, this::list));
  }

  private Response create(Request r) {
    Params p = r.params();
    String customer = p.required("customer");
    if (state.customers.get(customer) == null) {
      throw ApiError.invalid("resource_missing", "No such customer: '" + customer + "'", "customer");
    }
    String currency = p.required("currency");
    if (!currency.matches("[a-z]{3}")) {
      throw ApiError.invalid("parameter_invalid_string", "Invalid currency: " + currency + " (a three-letter ISO code in lowercase)", "currency");
    }
    if (p.integer("amount") == null && p.decimal("unit_amount_decimal") == null) {
      throw ApiError.invalid("parameter_missing", "Invalid invoice item: one of amount or unit_amount_decimal is required", "amount");
    }
    Instant now = state.clock.now();
    InvoiceItemSnapshot blank = new InvoiceItemSnapshot(Ids.random("ii_", 24), customer, 0, currency, null, BigDecimal.ZERO, 1,
        now, now, Map.of(), true, now);
    InvoiceItemSnapshot item = apply(blank, p);
    state.invoiceItems.put(item.id(), item);
    return Response.ok(json(item));
  }

  /** Synchronized with {@link #delete}: a read-modify-write of one item at a time. */
  private synchronized Response update(Request r) {
    InvoiceItemSnapshot item = apply(require(r), r.params());
    state.invoiceItems.put(item.id(), item);
    return Response.ok(json(item));
  }

  /** The item with the request's amount, quantity, description, period, metadata and discountable applied. */
  private InvoiceItemSnapshot apply(InvoiceItemSnapshot item, Params p) {
    Long amount = p.integer("amount");
    BigDecimal unit = p.decimal("unit_amount_decimal");
    Long quantityParam = p.integer("quantity");
    if (amount != null && unit != null) {
      throw ApiError.invalid(null, "You may only specify one of these parameters: amount, unit_amount_decimal.", "amount");
    }
    if (quantityParam != null && quantityParam < 0) {
      throw ApiError.invalid(null, "Invalid quantity: " + quantityParam + " (must not be negative)", "quantity");
    }
    if (unit != null && unit.stripTrailingZeros().scale() > 12) {
      throw ApiError.invalid(null, "Invalid unit_amount_decimal: " + unit.toPlainString() + " (at most 12 decimal places)", "unit_amount_decimal");
    }
    long quantity = quantityParam != null ? quantityParam : item.quantity();
    long total = item.amount();
    BigDecimal unitAmount = item.unitAmountDecimal();
    if (amount != null) {
      total = amount;
      unitAmount = quantity == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(amount).divide(BigDecimal.valueOf(quantity), 12, RoundingMode.HALF_UP);
    } else if (unit != null || quantityParam != null) {
      unitAmount = unit != null ? unit : unitAmount;
      total = unitAmount.multiply(BigDecimal.valueOf(quantity)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
    unitAmount = unitAmount.stripTrailingZeros();
    if (unitAmount.scale() < 0) {
      unitAmount = unitAmount.setScale(0);
    }
    String description = p.has("description") ? CustomersApi.blankToNull(p.string("description")) : item.description();
    Instant[] period = period(p, item);
    String discountable = p.string("discountable");
    boolean isDiscountable = discountable == null ? (p.has("amount") || p.has("unit_amount_decimal") ? total >= 0 : item.discountable())
        : Boolean.parseBoolean(discountable);
    return new InvoiceItemSnapshot(item.id(), item.customerId(), total, item.currency(), description, unitAmount, quantity,
        period[0], period[1], Metadata.merge(item.metadata(), p), isDiscountable, item.created());
  }

  private static Instant[] period(Params p, InvoiceItemSnapshot item) {
    if (!p.has("period")) {
      return new Instant[] {item.periodStart(), item.periodEnd()};
    }
    Params period = p.nested("period");
    long start = period.requiredInteger("start");
    long end = period.requiredInteger("end");
    if (end < start) {
      throw ApiError.invalid(null, "Invalid period[end]: " + end + " is before period[start] " + start, "period[end]");
    }
    return new Instant[] {Instant.ofEpochSecond(start), Instant.ofEpochSecond(end)};
  }

  private synchronized Response delete(Request r) {
    InvoiceItemSnapshot item = require(r);
    state.invoiceItems.remove(item.id());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", item.id());
    m.put("object", "invoiceitem");
    m.put("deleted", true);
    return Response.ok(m);
  }

  private Response list(Request r) {
    Params p = r.params();
    String customer = p.string("customer");
    String pending = p.string("pending");
    List<InvoiceItemSnapshot> items = state.invoiceItems.newestFirst(i -> (customer == null || customer.equals(i.customerId()))
        && !"false".equals(pending));
    return Response.ok(ListPage.of(items, InvoiceItemSnapshot::id, this::json, p, PATH, "invoiceitem"));
  }

  private InvoiceItemSnapshot require(Request r) {
    return state.invoiceItems.require(r.pathId(), "id");
  }

  Map<String, Object> json(InvoiceItemSnapshot i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", i.id());
    m.put("object", "invoiceitem");
    m.put("amount", i.amount());
    m.put("currency", i.currency());
    m.put("customer", i.customerId());
    m.put("customer_account", null);
    m.put("date", Times.seconds(i.created()));
    m.put("description", i.description());
    m.put("discountable", i.discountable());
    m.put("discounts", List.of());
    m.put("invoice", null);
    m.put("livemode", state.livemode);
    m.put("metadata", i.metadata());
    m.put("net_amount", i.amount());
    m.put("parent", null);
    m.put("period", Map.of("end", Times.seconds(i.periodEnd()), "start", Times.seconds(i.periodStart())));
    Map<String, Object> pricing = new LinkedHashMap<>();
    pricing.put("type", "price_details");
    pricing.put("unit_amount_decimal", i.unitAmountDecimal().toPlainString());
    m.put("pricing", pricing);
    m.put("proration", false);
    m.put("quantity", i.quantity());
    m.put("quantity_decimal", Long.toString(i.quantity()));
    m.put("tax_rates", List.of());
    m.put("test_clock", null);
    return m;
  }
}
