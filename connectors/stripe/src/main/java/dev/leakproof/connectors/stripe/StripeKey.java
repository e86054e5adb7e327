package dev.leakproof.connectors.stripe;

import dev.leakproof.connectors.api.Setting;

/**
 * A Stripe destination setting, declared once with its default and description: read from the
 * destinations file under {@code stripe:}, or from its environment variable, which wins. The API
 * key is read from the environment only. Rate limits default to Stripe's documented ones for the
 * key's mode (live or test).
 */
public enum StripeKey implements Setting {
  API_KEY(Field.secret("api-key", "secret or restricted key (sk_live_, sk_test_, rk_...)")),
  API_BASE(Field.of("api-base", "https://api.stripe.com", "Stripe API base URL")),
  METER_EVENTS_BASE(Field.of("meter-events-base", "https://meter-events.stripe.com", "base URL of the v2 meter event stream")),
  BASIC_PER_SECOND(Field.of("rate.basic-per-second", null, "requests/s on the basic limit (live 100, test 25)")),
  METER_EVENTS_PER_SECOND(Field.of("rate.meter-events-per-second", null,
      "v1 meter events/s (live 1000; in test mode they count on the basic limit)")),
  STREAM_EVENTS_PER_SECOND(Field.of("rate.stream-events-per-second", null,
      "v2 stream events/s (live 10000; in test mode 100 per request on the basic limit)")),
  RATE_HEADROOM_PCT(Field.of("rate.headroom-pct", "5", "share of each limit left unused, so bursts stay under it")),
  TRANSPORT(Field.of("usage.transport", "auto", "meter events through v1, v2 (the stream) or auto (v2 from stream-threshold events)")),
  STREAM_THRESHOLD(Field.of("usage.stream-threshold", "100", "events in one flush from which auto uses the v2 stream")),
  CANCEL_MARGIN(Field.of("usage.cancel-margin", "PT1H", "how long before Stripe's 24-hour cancel window closes Leakproof stops cancelling")),
  TIMESTAMP_MARGIN(Field.of("usage.timestamp-margin", "P1D", "how long before Stripe's 35-day window closes a day is billed as an invoice item")),
  HTTP_TIMEOUT(Field.of("http.timeout", "PT30S", "read timeout of one request")),
  METERS(Field.of("meters", null, "metric to billing meter event name (meters.<metric>: <event_name>, or none to leave a metric out)"));

  private final Field field;

  StripeKey(Field field) {
    this.field = field;
  }

  @Override
  public Field field() {
    return field;
  }

  @Override
  public String section() {
    return "stripe";
  }
}
