package dev.leakproof.connectors.stripe.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code POST /v1/customers}, {@code GET /v1/customers/{id}} and {@code GET /v1/customers}, shaped like Stripe's {@code customer}. */
final class CustomersApi {

  private final State state;

  CustomersApi(State state) {
    this.state = state;
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", "/v1/customers", Route.Auth.SECRET_KEY, RateLimiter.Bucket.BASIC, this::create),
        Route.of("GET", "/v1/customers/{id}", Route.Auth.SECRET_KEY, RateLimiter.Bucket.BASIC,
            r -> Response.ok(json(state.customers.require(r.pathId(), "id")))),
        Route.of("GET", "/v1/customers", Route.Auth.SECRET_KEY, RateLimiter.Bucket.BASIC, this::list));
  }

  private Response create(Request r) {
    Params p = r.params();
    String email = p.string("email");
    if (email != null && !email.isEmpty() && (!email.contains("@") || email.contains(" "))) {
      throw ApiError.invalid("email_invalid", "Invalid email address: " + email, "email");
    }
    return Response.ok(json(add(blankToNull(p.string("name")), blankToNull(email), blankToNull(p.string("description")),
        blankToNull(p.string("phone")), Metadata.create(p))));
  }

  CustomerSnapshot add(String name, String email, String description, String phone, Map<String, String> metadata) {
    CustomerSnapshot c = new CustomerSnapshot(Ids.random("cus_", 14), name, email, description, phone, metadata, state.clock.now());
    state.customers.put(c.id(), c);
    return c;
  }

  private Response list(Request r) {
    Params p = r.params();
    String email = p.string("email");
    List<CustomerSnapshot> items = state.customers.newestFirst(c -> email == null || email.equals(c.email()));
    return Response.ok(ListPage.of(items, CustomerSnapshot::id, this::json, p, "/v1/customers", "customer"));
  }

  Map<String, Object> json(CustomerSnapshot c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("object", "customer");
    m.put("address", null);
    m.put("balance", 0);
    m.put("created", Times.seconds(c.created()));
    m.put("currency", null);
    m.put("default_source", null);
    m.put("delinquent", false);
    m.put("description", c.description());
    m.put("discount", null);
    m.put("email", c.email());
    m.put("invoice_prefix", Ids.stable("", c.id()).substring(0, 8).toUpperCase(Locale.ROOT));
    Map<String, Object> invoiceSettings = new LinkedHashMap<>();
    invoiceSettings.put("custom_fields", null);
    invoiceSettings.put("default_payment_method", null);
    invoiceSettings.put("footer", null);
    invoiceSettings.put("rendering_options", null);
    m.put("invoice_settings", invoiceSettings);
    m.put("livemode", state.livemode);
    m.put("metadata", c.metadata());
    m.put("name", c.name());
    m.put("next_invoice_sequence", 1);
    m.put("phone", c.phone());
    m.put("preferred_locales", List.of());
    m.put("shipping", null);
    m.put("tax_exempt", "none");
    m.put("test_clock", null);
    return m;
  }

  static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
